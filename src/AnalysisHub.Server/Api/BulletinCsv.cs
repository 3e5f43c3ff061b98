using System.Globalization;
using System.Text;

namespace AnalysisHub.Server.Api;

/// <summary>
/// The bulletin as CSV (RFC 4180): one row per measure with the week's figures; after a blank line, a second
/// block with the top member authorities of each measure; for a public bulletin, a last block with the note on
/// disclosure control. A withheld count reads <c>&lt;5</c>, other withheld figures are empty.
/// </summary>
internal static class BulletinCsv
{
    private static readonly string[] MeasureHeader =
    [
        "footprint", "name", "week", "feed", "category", "count", "previousFourWeeksMean", "sameWeekLastYearPeriod", "sameWeekLastYear",
        "ratePer100k", "ci95Lower", "ci95Upper", "benchmark", "benchmarkRatePer100k", "comparison",
        "earsC2Expected", "earsC2Threshold", "earsC2Statistic", "earsC2Alarm",
        "farringtonExpected", "farringtonThreshold", "farringtonStatistic", "farringtonAlarm", "excludedMonthPrecision",
    ];

    private static readonly string[] MemberHeader =
        ["footprint", "week", "feed", "category", "rank", "member", "memberName", "count", "population", "ratePer100k"];

    public static string Write(DisclosedBulletin body)
    {
        var csv = new StringBuilder();
        Row(csv, MeasureHeader);
        foreach (var m in body.Measures)
        {
            Row(csv,
            [
                body.Footprint, body.Name, body.Week, m.Feed, m.Category, Figure(m.Count), Figure(m.PreviousFourWeeksMean),
                m.SameWeekLastYearPeriod, Figure(m.SameWeekLastYear), Number(m.RatePer100k), Number(m.Ci95?[0]), Number(m.Ci95?[1]),
                body.Benchmark, Number(m.BenchmarkRatePer100k), m.Comparison ?? "",
                Number(m.EarsC2.Expected), Number(m.EarsC2.Threshold), Number(m.EarsC2.Statistic), Flag(m.EarsC2.Alarm),
                Number(m.Farrington.Expected), Number(m.Farrington.Threshold), Number(m.Farrington.Statistic), Flag(m.Farrington.Alarm),
                Figure(m.ExcludedMonthPrecision),
            ]);
        }
        csv.Append("\r\n");
        Row(csv, MemberHeader);
        foreach (var m in body.Measures)
            foreach (var member in m.TopMembers)
                Row(csv,
                [
                    body.Footprint, body.Week, m.Feed, m.Category, Number(member.Rank), member.Footprint, member.Name,
                    Number(member.Count), Number(member.Population), Number(member.RatePer100k),
                ]);
        if (body.DisclosureControl is { } note)
        {
            csv.Append("\r\n");
            Row(csv, ["note"]);
            Row(csv, [note]);
        }
        return csv.ToString();
    }

    internal static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A published figure: a count, a mean, or the text that stands for a withheld one.</summary>
    private static string Figure(object value) => value switch
    {
        long count => Number(count),
        double mean => Number(mean),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Flag(bool? value) => value is { } b ? (b ? "true" : "false") : "";

    private static void Row(StringBuilder csv, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) csv.Append(',');
            csv.Append(Quote(cells[i]));
        }
        csv.Append("\r\n");
    }

    private static string Quote(string cell)
    {
        // Quote what needs it; a leading formula character is neutralised so spreadsheets do not evaluate it.
        if (cell.Length > 0 && "=+@".Contains(cell[0], StringComparison.Ordinal)) cell = "'" + cell;
        return cell.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
