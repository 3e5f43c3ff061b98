using AnalysisHub.Server.Shared;
using System.Data;
using System.Globalization;
using Sylvan.Data.Csv;

namespace AnalysisHub.Server.Bulletin;

/// <summary>
/// The bulletin as one tidy CSV table (RFC 4180) under one header: the first column, <c>section</c>, says which part
/// of the bulletin a row belongs to — <c>measure</c> (a violence measure's figures for the period), <c>profile</c> (one
/// day-of-week × hour cell of its time profile), <c>members</c> (a ranked member authority), <c>confidence</c> (a survey
/// indicator over the 12 months ending with the period), <c>footnote</c> (a note
/// on methods or completeness) and, for a public bulletin, <c>disclosure</c> (the note on disclosure control). Every
/// row names the footprint, the week (empty in a monthly bulletin), the granularity and the period; the other columns are the union of what the sections need, empty where they do
/// not apply, so the file loads as one data frame and filters by section. A withheld count reads <c>&lt;5</c>, other
/// withheld figures are empty.
/// </summary>
internal static class BulletinCsv
{
    public const string MeasureSection = "measure";
    public const string ProfileSection = "profile";
    public const string MembersSection = "members";
    public const string ConfidenceSection = "confidence";
    public const string FootnoteSection = "footnote";
    public const string DisclosureSection = "disclosure";

    // Measure columns first, in the order the measure rows always had; then what the other sections add; then the
    // columns the monthly bulletin added (the week-named ones are empty in a month, these are filled in both); then the
    // survey indicators' (their interval, benchmark and comparison share the measures' columns). A row's count and rate
    // (a measure's, a profile cell's, a member's) share the count and ratePer100k columns.
    internal static readonly string[] Header =
    [
        "section", "footprint", "name", "week", "feed", "category", "count", "previousFourWeeksMean", "sameWeekLastYearPeriod",
        "sameWeekLastYear", "ratePer100k", "ci95Lower", "ci95Upper", "benchmark", "benchmarkRatePer100k", "comparison",
        "earsC2Expected", "earsC2Threshold", "earsC2Statistic", "earsC2Alarm",
        "farringtonExpected", "farringtonThreshold", "farringtonStatistic", "farringtonAlarm", "excludedMonthPrecision",
        "profileFrom", "profileTo", "day", "hour",
        "rank", "member", "memberName", "population",
        "text",
        "granularity", "period", "previousPeriodsMean", "previousPeriods", "samePeriodLastYearPeriod", "samePeriodLastYear",
        "indicator", "indicatorName", "from", "to", "percent", "unweightedBase", "effectiveBase", "withheld", "benchmarkPercent",
        "previousFrom", "previousTo", "previousPercent", "previousUnweightedBase", "change", "z", "trajectory", "target", "targetStatus",
        "targetStatusBasis",
    ];

    private static readonly Dictionary<string, int> Column = Header.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);

    private const string MembersWithheld = "withheld: listing members beside the total would reveal a count under 5";

    public static string Write(DisclosedBulletin body)
    {
        var csv = new List<string[]>();
        foreach (var m in body.Measures)
        {
            csv.Add(Cells(body, MeasureSection, m,
                ("count", Figure(m.Count)), ("previousFourWeeksMean", Figure(m.PreviousFourWeeksMean)),
                ("sameWeekLastYearPeriod", m.SameWeekLastYearPeriod ?? ""), ("sameWeekLastYear", Figure(m.SameWeekLastYear)),
                ("previousPeriodsMean", Figure(m.PreviousPeriodsMean)), ("previousPeriods", Number(m.PreviousPeriods)),
                ("samePeriodLastYearPeriod", m.SamePeriodLastYearPeriod), ("samePeriodLastYear", Figure(m.SamePeriodLastYear)),
                ("ratePer100k", Number(m.RatePer100k)), ("ci95Lower", Number(m.Ci95?[0])), ("ci95Upper", Number(m.Ci95?[1])),
                ("benchmark", body.Benchmark), ("benchmarkRatePer100k", Number(m.BenchmarkRatePer100k)), ("comparison", m.Comparison ?? ""),
                ("earsC2Expected", Number(m.EarsC2.Expected)), ("earsC2Threshold", Number(m.EarsC2.Threshold)),
                ("earsC2Statistic", Number(m.EarsC2.Statistic)), ("earsC2Alarm", Flag(m.EarsC2.Alarm)),
                ("farringtonExpected", Number(m.Farrington.Expected)), ("farringtonThreshold", Number(m.Farrington.Threshold)),
                ("farringtonStatistic", Number(m.Farrington.Statistic)), ("farringtonAlarm", Flag(m.Farrington.Alarm)),
                ("excludedMonthPrecision", Figure(m.ExcludedMonthPrecision))));
        }
        foreach (var m in body.Measures)
            foreach (var day in m.Profile.Days)
                for (var hour = 0; hour < day.Hours.Length; hour++)
                    csv.Add(Cells(body, ProfileSection, m,
                        ("profileFrom", Date(m.Profile.From)), ("profileTo", Date(m.Profile.To)), ("day", day.Day),
                        ("hour", Number(hour)), ("count", Figure(day.Hours[hour]))));
        foreach (var m in body.Measures)
        {
            if (m.TopMembersWithheld) csv.Add(Cells(body, MembersSection, m, ("text", MembersWithheld)));
            foreach (var member in m.TopMembers)
                csv.Add(Cells(body, MembersSection, m,
                    ("rank", Number(member.Rank)), ("member", member.Footprint), ("memberName", member.Name),
                    ("count", Number(member.Count)), ("population", Number(member.Population)), ("ratePer100k", Number(member.RatePer100k))));
        }
        foreach (var c in body.Confidence)
            csv.Add(Cells(body, ConfidenceSection, null,
                ("indicator", c.Indicator), ("indicatorName", c.Name ?? ""), ("from", Date(c.From)), ("to", Date(c.To)),
                ("percent", Number(c.Percent)), ("ci95Lower", Number(c.Ci95?[0])), ("ci95Upper", Number(c.Ci95?[1])),
                ("unweightedBase", Number(c.UnweightedBase)), ("effectiveBase", Number(c.EffectiveBase)), ("withheld", Flag(c.Withheld)),
                ("benchmark", c.Benchmark), ("benchmarkPercent", Number(c.BenchmarkPercent)), ("comparison", c.Comparison ?? ""),
                ("previousFrom", Date(c.Change.PreviousFrom)), ("previousTo", Date(c.Change.PreviousTo)),
                ("previousPercent", Number(c.Change.PreviousPercent)), ("previousUnweightedBase", Number(c.Change.PreviousUnweightedBase)),
                ("change", c.Change.Direction ?? ""), ("z", Number(c.Change.Z)), ("trajectory", Number(c.Target?.Trajectory)),
                ("target", Number(c.Target?.Target)), ("targetStatus", c.Target?.Status ?? ""), ("targetStatusBasis", c.Target?.StatusBasis ?? "")));
        // A public bulletin's footnotes repeat its disclosure note: it is written once, as its own section.
        foreach (var footnote in body.Footnotes.Where(f => f != body.DisclosureControl))
            csv.Add(Cells(body, FootnoteSection, null, ("text", footnote)));
        if (body.DisclosureControl is { } note) csv.Add(Cells(body, DisclosureSection, null, ("text", note)));
        return Table(csv);
    }

    /// <summary>A row of the table: the section, the footprint and period (and the measure, where there is one), and the
    /// section's own cells; every other column empty.</summary>
    private static string[] Cells(DisclosedBulletin body, string section, DisclosedBulletinMeasure? measure, params (string Column, string Value)[] cells)
    {
        var row = new string[Header.Length];
        Array.Fill(row, "");
        row[Column["section"]] = section;
        row[Column["footprint"]] = body.Footprint;
        row[Column["name"]] = body.Name;
        row[Column["week"]] = body.Week ?? "";
        row[Column["granularity"]] = body.Granularity;
        row[Column["period"]] = body.Period;
        if (measure is not null)
        {
            row[Column["feed"]] = measure.Feed;
            row[Column["category"]] = measure.Category;
        }
        foreach (var (column, value) in cells) row[Column[column]] = value;
        return row;
    }

    internal static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A published figure: a count, a mean, or the text that stands for a withheld one.</summary>
    private static string Figure(object? value) => value switch
    {
        long count => Number(count),
        int count => Number(count),
        double mean => Number(mean),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    internal static string Flag(bool? value) => value is { } b ? (b ? "true" : "false") : "";

    /// <summary>The rows under the header as CSV (RFC 4180: CRLF after every row, a field quoted only when it holds a
    /// comma, a quote or a line break).</summary>
    private static string Table(List<string[]> rows) => Table(Header, rows);

    /// <summary>Rows under <paramref name="header"/> as CSV, as the bulletin is written (the monthly summary is too).</summary>
    internal static string Table(string[] header, List<string[]> rows)
    {
        using var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var name in header) table.Columns.Add(name, typeof(string));
        foreach (var row in rows) table.Rows.Add(Array.ConvertAll<string, object>(row, SpreadsheetCells.Neutralised));
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvDataWriter.Create(text, new CsvDataWriterOptions { NewLine = "\r\n" }))
        using (var reader = table.CreateDataReader())
            csv.Write(reader);
        return text.ToString();
    }
}
