using System.Globalization;
using System.Text;
using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Tests.Support;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Indicators;

/// <summary>
/// Generated bodies of published figures, some rows with faults planted at random, against a model written from the
/// contract (issue 15): the reader reports exactly the planted (row, field) faults and returns no figure when there
/// is one, and otherwise returns every row as written — in NDJSON and in CSV.
/// </summary>
public class PublishedFigureReaderPropertyTests
{
    private const string Indicator = "police-and-council-dealing-with-issues";

    public enum Fault { UnknownFootprint, PercentOutOfRange, BaseNotPositive, FromAfterTo, BlankSource, LongSource, LongNote, MissingPercent, UnknownField }

    /// <summary>The field each fault must be reported on: the model.</summary>
    private static string FieldOf(Fault fault) => fault switch
    {
        Fault.UnknownFootprint => "footprint",
        Fault.PercentOutOfRange or Fault.MissingPercent => "percent",
        Fault.BaseNotPositive => "unweightedBase",
        Fault.FromAfterTo => "to",
        Fault.BlankSource or Fault.LongSource => "source",
        Fault.LongNote => "note",
        _ => "colour",
    };

    private sealed record Row(string Footprint, DateOnly From, DateOnly To, double Percent, long Base, string? Note, Fault[] Faults);

    private static readonly string[] Footprints = ["force:gwent", "force:south-wales", "nation:wales", "la:cardiff", "csp:cwm-taf"];

    private static Gen<T> Either<T>(T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static Gen<Row> Rows(Fault[] possible) =>
        Gen.Select(Either(Footprints), Gen.Int[0, 4000], Gen.Int[0, 400], Gen.Double[0, 100], Gen.Long[1, 50_000],
                Gen.Select(Gen.OneOf(Gen.Const((string?)null), Gen.String[Gen.Char.AlphaNumeric, 1, 30].Select(s => (string?)s)),
                    Gen.OneOf(Gen.Const(Array.Empty<Fault>()), Either(possible).Array[1, 3].Select(f => f.Distinct().ToArray()))))
            .Select((footprint, start, days, percent, unweightedBase, rest) =>
                new Row(footprint, new DateOnly(2000, 1, 1).AddDays(start), new DateOnly(2000, 1, 1).AddDays(start + days), percent, unweightedBase, rest.Item1, rest.Item2));

    private static readonly Fault[] Every = Enum.GetValues<Fault>();
    private static readonly Fault[] CsvCan = Every.Where(f => f != Fault.UnknownField).ToArray();

    /// <summary>The cells of a row as a source would write them, its faults planted. Each row's source is its own, so no two rows share an identity.</summary>
    private static Dictionary<string, string?> Cells(Row row, int number)
    {
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var cells = new Dictionary<string, string?>
        {
            ["footprint"] = row.Footprint, ["from"] = Day(row.From), ["to"] = Day(row.To),
            ["percent"] = row.Percent.ToString("R", CultureInfo.InvariantCulture), ["unweightedBase"] = row.Base.ToString(CultureInfo.InvariantCulture),
            ["source"] = $"survey {number}", ["note"] = row.Note,
        };
        foreach (var fault in row.Faults)
            switch (fault)
            {
                case Fault.UnknownFootprint: cells["footprint"] = "force:atlantis"; break;
                case Fault.PercentOutOfRange: cells["percent"] = (row.Percent % 2 < 1 ? -row.Percent - 0.5 : row.Percent + 100.5).ToString("R", CultureInfo.InvariantCulture); break;
                case Fault.BaseNotPositive: cells["unweightedBase"] = (-(row.Base % 3)).ToString(CultureInfo.InvariantCulture); break;
                case Fault.FromAfterTo: cells["to"] = Day(row.From.AddDays(-1)); break;
                case Fault.BlankSource: cells["source"] = "   "; break;
                case Fault.LongSource: cells["source"] = new string('s', PublishedFigureReader.MaxSourceLength + 1); break;
                case Fault.LongNote: cells["note"] = new string('n', PublishedFigureReader.MaxNoteLength + 1); break;
                case Fault.MissingPercent: cells["percent"] = null; break;
                case Fault.UnknownField: cells["colour"] = "red"; break;
            }
        // Two faults on one field are one fault on it: a missing percent is not also out of range.
        if (row.Faults.Contains(Fault.MissingPercent)) cells["percent"] = null;
        if (row.Faults.Contains(Fault.LongSource) && row.Faults.Contains(Fault.BlankSource)) cells["source"] = "   ";
        return cells;
    }

    private static bool Agrees(Row[] rows, (List<PublishedFigure> Figures, List<AnalysisHub.Domain.Records.RowError> Errors) read)
    {
        var expected = rows.SelectMany((r, i) => r.Faults.Select(f => (Row: i + 1, Field: FieldOf(f)))).ToHashSet();
        var reported = read.Errors.Select(e => (e.Row, e.Field)).ToHashSet();
        if (!expected.SetEquals(reported) || read.Errors.Count != reported.Count) return false;
        if (expected.Count > 0) return read.Figures.Count == 0;
        var written = rows.Select((r, i) => new PublishedFigure(Indicator, r.Footprint, r.From, r.To, r.Percent, r.Base, $"survey {i + 1}", r.Note));
        return read.Figures.SequenceEqual(written);
    }

    [Fact]
    public void Ndjson_rows_with_planted_faults_are_reported_exactly_and_nothing_is_returned()
    {
        Rows(Every).Array[1, 8].Sample(rows =>
        {
            var lines = rows.Select((r, i) => "{" + string.Join(",", Cells(r, i + 1).Where(c => c.Value is not null)
                .Select(c => c.Key is "percent" or "unweightedBase" ? $"\"{c.Key}\":{c.Value}" : $"\"{c.Key}\":\"{c.Value}\"")) + "}");
            var body = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
            return Agrees(rows, PublishedFigureReader.ReadNdjson(body, Indicator, Reference.Geography, 1000));
        });
    }

    [Fact]
    public void Csv_rows_with_planted_faults_are_reported_exactly_and_nothing_is_returned()
    {
        Rows(CsvCan).Array[1, 8].Sample(rows =>
        {
            var text = new StringBuilder(string.Join(",", PublishedFigureReader.Fields) + "\r\n");
            for (var i = 0; i < rows.Length; i++)
            {
                var cells = Cells(rows[i], i + 1);
                text.Append(string.Join(",", PublishedFigureReader.Fields.Select(f => cells[f] ?? ""))).Append("\r\n");
            }
            var body = Encoding.UTF8.GetBytes(text.ToString());
            return Agrees(rows, PublishedFigureReader.ReadCsv(body, body.Length, Indicator, Reference.Geography, 1000));
        });
    }

    [Fact]
    public void A_figure_repeated_in_one_body_is_an_error_of_the_later_row()
    {
        var line = """{"footprint":"force:gwent","from":"2008-10-01","to":"2009-09-30","percent":45,"unweightedBase":830,"source":"CSEW"}""";
        var (figures, errors) = PublishedFigureReader.ReadNdjson(Encoding.UTF8.GetBytes(line + "\n\n" + line.Replace("force:gwent", "W15000002")), Indicator, Reference.Geography, 10);
        Assert.Empty(figures);
        Assert.Equal((2, "(row)"), (Assert.Single(errors).Row, errors[0].Field));
    }

    [Fact]
    public void A_csv_header_without_a_required_column_or_with_an_unknown_one_is_refused_before_any_row()
    {
        var body = Encoding.UTF8.GetBytes("footprint,from,to,percent,source,colour\r\nforce:gwent,2008-10-01,2009-09-30,45,CSEW,red\r\n");
        var (figures, errors) = PublishedFigureReader.ReadCsv(body, body.Length, Indicator, Reference.Geography, 10);
        Assert.Empty(figures);
        Assert.Equal([(0, "colour"), (0, "unweightedBase")], errors.Select(e => (e.Row, e.Field)).Order());
    }
}
