using System.Text;
using AnalysisHub.Domain.Ingest;
using AnalysisHub.Domain.Records;
using AnalysisHub.Domain.Tests.Support;

namespace AnalysisHub.Domain.Tests.Ingest;

/// <summary>
/// Input an attacker (or a broken exporter) sends: each answer is a row error, never an exception (which the
/// server would turn into a 500) and never a silent change of what was sent.
/// </summary>
public class HostileInputTests
{
    private const string Header = "id,occurredAt,area,category";

    private static ParsedBatch Ndjson(byte[] body) => NdjsonBatchReader.Read(body, Reference.Validator(), 1000);
    private static ParsedBatch Ndjson(string body) => Ndjson(Encoding.UTF8.GetBytes(body));
    private static ParsedBatch Csv(byte[] body) => CsvBatchReader.Read(new MemoryStream(body), Reference.Validator(), 1000);
    private static ParsedBatch Csv(string body) => Csv(Encoding.UTF8.GetBytes(body));

    private static string Row(string id = "r1", string occurredAt = "2025-06-30T23:30:00Z", string extra = "") =>
        $$"""{"id": "{{id}}", "occurredAt": "{{occurredAt}}", "area": "W06000015", "category": "robbery"{{extra}}}""";

    private static RowError SingleError(ParsedBatch batch)
    {
        Assert.Empty(batch.Records);
        return Assert.Single(batch.Errors);
    }

    public static TheoryData<byte[]> InvalidUtf8 => new() { new byte[] { 0xFF }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xED, 0xA0, 0x80 } };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void Invalid_utf8_inside_an_ndjson_string_is_a_row_error(byte[] bad)
    {
        byte[] body = [.. "{\"id\": \"x-"u8, .. bad, .. "\", \"occurredAt\": \"2025-06-30T23:30:00Z\", \"area\": \"W06000015\", \"category\": \"robbery\"}"u8];

        var error = SingleError(Ndjson(body));

        Assert.Equal((1, "(row)"), (error.Row, error.Field));
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void An_escaped_unpaired_surrogate_is_a_row_error()
    {
        var error = SingleError(Ndjson(Row(id: "x-\\ud800")));

        Assert.Contains("surrogate", error.Message);
    }

    [Fact]
    public void A_property_given_twice_is_a_row_error_not_the_last_value()
    {
        var error = SingleError(Ndjson(Row(extra: ", \"id\": \"r2\"")));

        Assert.Equal(("id", "appears more than once in the object"), (error.Field, error.Message));
    }

    [Fact]
    public void Json_nested_deeper_than_a_record_is_a_row_error()
    {
        var deep = new string('[', 500) + new string(']', 500);

        var batch = Ndjson(Row(extra: $", \"flags\": {deep}"));

        Assert.Empty(batch.Records);
        Assert.Contains(batch.Errors, e => e.Field == "(row)" && e.Message.Contains("deeper than a record"));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("ws ")]
    [InlineData(" ws")]
    [InlineData("a\u200Bb")] // zero-width space
    [InlineData("a\u202Eb")] // right-to-left override
    [InlineData("a\tb")]
    [InlineData("a\u2028b")] // line separator
    [InlineData("a\u00A0b")] // no-break space: white space other than a space
    public void Ids_with_invisible_control_or_surrounding_white_space_are_refused(string id)
    {
        var escaped = string.Concat(id.Select(c => c < 0x80 && !char.IsControl(c) ? c.ToString() : $"\\u{(int)c:X4}"));

        var error = SingleError(Ndjson(Row(id: escaped)));

        Assert.Equal("id", error.Field);
    }

    [Theory]
    [InlineData("ws")]
    [InlineData("CR 123/45")]
    [InlineData("Ardal-Ōkami-犯罪-😀")]
    public void Ids_of_printable_characters_with_inner_spaces_are_accepted(string id)
    {
        var batch = Ndjson(Row(id: id));

        Assert.True(batch.IsValid, string.Join(" | ", batch.Errors));
        Assert.Equal(id, Assert.Single(batch.Records).Id);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("9007199254740993")]
    [InlineData("1e300")]
    [InlineData("123456789012345678901234567890")]
    public void Versions_beyond_2_to_the_53_are_refused(string version)
    {
        var error = SingleError(Ndjson(Row(extra: $", \"version\": {version}")));

        Assert.Equal("version", error.Field);
    }

    [Fact]
    public void Version_2_to_the_53_is_the_largest_accepted()
    {
        var batch = Ndjson(Row(extra: ", \"version\": 9007199254740992"));

        Assert.Equal(RecordBounds.MaxVersion, Assert.Single(batch.Records).Entry.Version);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("0001-01-01T00:00:00")]
    [InlineData("9999-12-31T23:59:59")]
    [InlineData("1989-12-31T23:59:59Z")]
    public void Times_at_the_edges_of_the_calendar_or_before_1990_are_row_errors(string occurredAt)
    {
        var error = SingleError(Ndjson(Row(occurredAt: occurredAt)));

        Assert.Equal("occurredAt", error.Field);
    }

    [Fact]
    public void A_hostile_megabyte_is_not_echoed_back_in_the_error()
    {
        var error = SingleError(Ndjson(Row(extra: "") .Replace("\"robbery\"", $"\"{new string('x', 1_000_000)}\"")));

        Assert.True(error.Message.Length < 200, $"{error.Message.Length} characters");
    }

    [Fact]
    public void Invalid_utf8_in_csv_is_a_row_error_and_two_distinct_ids_are_never_merged()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes(Header + "\ncsvutf-"), 0xFF, .. ",2025-06-30T23:30:00Z,W06000015,robbery\ncsvutf-"u8,
            0xFE, .. ",2025-06-30T23:30:00Z,W06000015,robbery\n"u8];

        var error = SingleError(Csv(body));

        Assert.Equal((1, "(row)"), (error.Row, error.Field));
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void An_unterminated_quote_in_csv_is_a_row_error()
    {
        var batch = Csv(Header + "\nr1,2025-06-30T23:30:00Z,W06000015,robbery\n\"r2,2025-06-30T23:30:00Z,W06000015,robbery\n");

        Assert.False(batch.IsValid);
        Assert.Contains(batch.Errors, e => e.Field == "(row)");
    }

    [Fact]
    public void Ndjson_sent_as_csv_is_refused_with_errors()
    {
        var batch = Csv(Row() + "\n" + Row(id: "r2") + "\n");

        Assert.False(batch.IsValid);
        Assert.Empty(batch.Records);
    }

    [Theory]
    [InlineData(16_345)]
    [InlineData(CsvBatchReader.MaxRowChars + 10)]
    public void A_csv_row_of_many_thousand_characters_is_a_row_error(int length)
    {
        var batch = Csv(Header + "\n" + new string('x', length) + ",2025-06-30T23:30:00Z,W06000015,robbery\n");

        var error = SingleError(batch);
        Assert.Equal(1, error.Row);
    }
}
