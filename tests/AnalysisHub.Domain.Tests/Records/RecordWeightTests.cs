using System.Globalization;
using System.Text;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Ingest;
using AnalysisHub.Domain.Records;
using AnalysisHub.Domain.Tests.Support;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Records;

/// <summary>
/// A survey response's weight, as sources write it and as cells sum it. The model is the record contract's rule: a
/// positive number up to 1,000, held to the nearest millionth (half away from zero), one that rounds to nothing refused.
/// </summary>
public class RecordWeightTests
{
    /// <summary>Numbers as sources write them: plain decimals of 0–9 places, exponents, signs, out-of-range values.</summary>
    private static readonly Gen<string> WeightTexts = Gen.OneOf(
        Gen.Select(Gen.Long[0, 2_000_000_000_000], Gen.Int[0, 9], (digits, places) =>
            (digits / (decimal)Math.Pow(10, places)).ToString(CultureInfo.InvariantCulture)),
        Gen.Select(Gen.Int[1, 9999], Gen.Int[-9, 4], (mantissa, exponent) => $"{mantissa}e{exponent}"),
        Gen.Select(Gen.Int[0, 5000], n => $"-{n / 7m}"),
        Gen.OneOf<string>("0", "0.0000005", "0.0000004999", "1000", "1000.0000001", "1e3", "NaN", "Infinity", "", "1,5", "0x10", "1e400"));

    [Fact]
    public void Parsing_accepts_exactly_the_positive_weights_up_to_a_thousand_and_holds_them_to_the_millionth()
    {
        WeightTexts.Sample(text =>
        {
            var problem = RecordWeight.TryParse(text, out var weight);
            decimal? expected = null;
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 1000)
            {
                var micros = decimal.Round(value * 1_000_000m, MidpointRounding.AwayFromZero);
                if (micros >= 1) expected = micros;
            }
            Assert.True((problem is null) == expected.HasValue, $"'{text}': {problem ?? "accepted"}, expected {(expected.HasValue ? "acceptance" : "refusal")}");
            if (expected is { } m) Assert.Equal((long)m, weight.Micros);
        }, iter: 5_000);
    }

    [Fact]
    public void A_weight_squared_is_its_square_to_the_nearest_millionth()
    {
        Gen.Long[1, 1_000_000_000].Sample(micros =>
        {
            var w = micros / 1_000_000m;
            var expected = (long)decimal.Round(w * w * 1_000_000m, MidpointRounding.AwayFromZero);
            Assert.Equal(expected, RecordWeight.FromStored(micros).SquareMicros);
        }, iter: 5_000);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("1.0", "1")]
    [InlineData("0.50", "0.5")]
    [InlineData("1.25e0", "1.25")]
    [InlineData("2.000001", "2.000001")]
    public void Equal_numbers_are_one_weight_whatever_their_spelling(string text, string shown)
    {
        Assert.Null(RecordWeight.TryParse(text, out var weight));
        Assert.Equal(shown, weight.ToString());
    }

    private static ParsedBatch Ndjson(string feed, string line) =>
        NdjsonBatchReader.Read(Encoding.UTF8.GetBytes(line), Reference.Validator(feed), 10);

    [Fact]
    public void A_survey_response_without_a_weight_weighs_one_and_other_feeds_carry_none()
    {
        var response = Ndjson("confidence-survey", """{"id":"a","occurredAt":"2025-05-01","precision":"day","area":"W06000015","category":"dont-know"}""");
        Assert.Equal(RecordWeight.One, Assert.Single(response.Records).Entry.Weight);
        var crime = Ndjson("crime", """{"id":"a","occurredAt":"2025-05-01T10:00:00Z","area":"W06000015","category":"robbery"}""");
        Assert.False(Assert.Single(crime.Records).Entry.Weight.IsWeighted);
    }

    [Theory]
    [InlineData("crime", """{"id":"a","occurredAt":"2025-05-01T10:00:00Z","area":"W06000015","category":"robbery","weight":2}""", "weight", "not weighted")]
    [InlineData("confidence-survey", """{"id":"a","occurredAt":"2025-05-01","precision":"day","area":"W06000015","category":"agree"}""", "category", "group of answers")]
    [InlineData("confidence-survey", """{"id":"a","occurredAt":"2025-05-01","precision":"day","area":"W06000015","category":"dont-know","weight":"2"}""", "weight", "JSON number")]
    [InlineData("confidence-survey", """{"id":"a","occurredAt":"2025-05-01","precision":"day","area":"W06000015","category":"dont-know","weight":0}""", "weight", "positive")]
    public void Weights_where_none_belong_groups_as_answers_and_weights_that_are_no_number_are_row_errors(string feed, string line, string field, string message)
    {
        var batch = Ndjson(feed, line);
        var error = Assert.Single(batch.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_CSV_weight_column_is_read_as_the_weight()
    {
        var csv = "id,occurredAt,precision,area,category,weight\na,2025-05-01,day,W06000015,tend-to-agree,1.5\nb,2025-05-02,day,W06000015,dont-know,\n";
        var batch = CsvBatchReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Reference.Validator("confidence-survey"), 10);
        Assert.True(batch.IsValid, string.Join("; ", batch.Errors));
        Assert.Equal([1_500_000L, 1_000_000L], batch.Records.Select(r => r.Entry.Weight.Micros));
    }

    [Fact]
    public void A_weighted_response_adds_its_weight_and_square_to_its_day_beside_its_count()
    {
        var entry = Assert.Single(Ndjson("confidence-survey",
            """{"id":"a","occurredAt":"2025-05-01","precision":"day","area":"W06000015","category":"tend-to-agree","weight":1.5}""").Records).Entry;
        var cells = new CellContribution[RecordEntry.MaxCells];
        var n = entry.GetCells(cells);
        Assert.Equal(3, n);
        var day = CellKey.ForDay(entry.Feed, entry.Category, 0, new DateOnly(2025, 5, 1));
        Assert.Equal(new CellContribution(day, 1), cells[0]);
        Assert.Equal(new CellContribution(day.WithMeasure(CellMeasure.Weight), 1_500_000), cells[1]);
        Assert.Equal(new CellContribution(day.WithMeasure(CellMeasure.WeightSquared), 2_250_000), cells[2]);
        Assert.Equal(CellMeasure.WeightSquared, CellMeasures.MeasureOf(cells[2].Cell.Category));
        Assert.Equal(entry.Category, CellMeasures.BaseCategory(cells[2].Cell.Category));
    }

    [Fact]
    public void A_correction_of_the_weight_alone_is_new_content()
    {
        var one = Assert.Single(Ndjson("confidence-survey", """{"id":"a","occurredAt":"2025-05-01","precision":"day","area":"W06000015","category":"dont-know","weight":1}""").Records).Entry;
        var two = one with { Weight = RecordWeight.FromStored(2_000_000), Version = 1 };
        Assert.Equal(RecordOutcome.Updated, LedgerRules.Decide(one, two, out var next));
        Assert.Equal(two, next);
    }
}
