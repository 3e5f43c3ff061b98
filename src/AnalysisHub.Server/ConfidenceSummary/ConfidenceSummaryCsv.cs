using AnalysisHub.Server.Bulletin;
using AnalysisHub.Server.Indicators;

namespace AnalysisHub.Server.ConfidenceSummary;

/// <summary>
/// The confidence summary as one tidy CSV table in the bulletin's style: the first column, <c>section</c>, says what a row
/// is — <c>figure</c> (an indicator's figure for the footprint, a member or Wales, told apart by <c>role</c>),
/// <c>target</c> (where the footprint stands against its target), <c>published</c> (a figure published elsewhere),
/// <c>footnote</c> and, for the public, <c>disclosure</c>. Every row names the footprint, the month and its 12 months;
/// columns a section does not use are empty, and a withheld figure is empty with <c>withheld</c> true.
/// </summary>
internal static class ConfidenceSummaryCsv
{
    internal static readonly string[] Header =
    [
        "section", "footprint", "name", "month", "from", "to", "indicator", "indicatorName",
        "role", "area", "areaName", "kind", "percent", "ci95Lower", "ci95Upper", "unweightedBase", "effectiveBase", "numerator", "denominator",
        "withheld", "benchmark", "comparison", "previousFrom", "previousTo", "previousPercent", "previousUnweightedBase", "previousWithheld",
        "change", "z", "trajectory", "target", "targetStatus", "targetStatusBasis", "publishedFrom", "publishedTo", "source", "note", "text",
    ];

    private static readonly Dictionary<string, int> Column = Header.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);

    public static string Write(ConfidenceSummaryBody body)
    {
        var csv = new List<string[]>();
        foreach (var indicator in body.Indicators)
        {
            foreach (var f in indicator.Members.Prepend(indicator.Figure).Append(indicator.Wales).DistinctBy(f => f.Footprint))
                csv.Add(Cells(body, indicator, "figure",
                    ("role", f.Role), ("area", f.Footprint), ("areaName", f.Name), ("kind", f.Kind), ("percent", BulletinCsv.Number(f.Percent)),
                    ("ci95Lower", BulletinCsv.Number(f.Ci95?[0])), ("ci95Upper", BulletinCsv.Number(f.Ci95?[1])),
                    ("unweightedBase", BulletinCsv.Number(f.UnweightedBase)), ("effectiveBase", BulletinCsv.Number(f.EffectiveBase)),
                    ("numerator", BulletinCsv.Number(f.Numerator)), ("denominator", BulletinCsv.Number(f.Denominator)),
                    ("withheld", BulletinCsv.Flag(f.Withheld)), ("benchmark", body.Benchmark), ("comparison", f.Comparison ?? ""),
                    ("previousFrom", BulletinCsv.Date(f.Change.PreviousFrom)), ("previousTo", BulletinCsv.Date(f.Change.PreviousTo)),
                    ("previousPercent", BulletinCsv.Number(f.Change.PreviousPercent)),
                    ("previousUnweightedBase", BulletinCsv.Number(f.Change.PreviousUnweightedBase)),
                    ("previousWithheld", BulletinCsv.Flag(f.Change.PreviousWithheld)), ("change", f.Change.Direction ?? ""),
                    ("z", BulletinCsv.Number(f.Change.Z))));
            if (indicator.Target is { } t)
                csv.Add(Cells(body, indicator, "target", ("trajectory", BulletinCsv.Number(t.Trajectory)), ("target", BulletinCsv.Number(t.Target)),
                    ("targetStatus", t.Status ?? ""), ("targetStatusBasis", t.StatusBasis ?? "")));
            foreach (var p in indicator.Published)
                csv.Add(Cells(body, indicator, "published", ("area", p.Footprint), ("percent", BulletinCsv.Number(p.Percent)),
                    ("unweightedBase", BulletinCsv.Number(p.UnweightedBase)), ("publishedFrom", BulletinCsv.Date(p.From)),
                    ("publishedTo", BulletinCsv.Date(p.To)), ("source", p.Source), ("note", p.Note ?? "")));
        }
        // The public disclosure note closes the footnotes too: it is written once, as its own section.
        foreach (var footnote in body.Footnotes.Where(f => f != body.DisclosureControl))
            csv.Add(Cells(body, null, "footnote", ("text", footnote)));
        if (body.DisclosureControl is { } note) csv.Add(Cells(body, null, "disclosure", ("text", note)));
        return BulletinCsv.Table(Header, csv);
    }

    private static string[] Cells(ConfidenceSummaryBody body, DisclosedIndicator? indicator, string section, params (string Column, string Value)[] cells)
    {
        var row = new string[Header.Length];
        Array.Fill(row, "");
        row[Column["section"]] = section;
        row[Column["footprint"]] = body.Footprint;
        row[Column["name"]] = body.Name;
        row[Column["month"]] = body.Month;
        row[Column["from"]] = BulletinCsv.Date(body.From);
        row[Column["to"]] = BulletinCsv.Date(body.To);
        if (indicator is not null)
        {
            row[Column["indicator"]] = indicator.Indicator;
            row[Column["indicatorName"]] = indicator.Name ?? "";
        }
        foreach (var (column, value) in cells) row[Column[column]] = value;
        return row;
    }
}
