using System.Globalization;
using AnalysisHub.Domain.Indicators;

namespace AnalysisHub.Server.Indicators;

/// <summary>
/// An indicator for a footprint over 12 months as published to one audience: the footprint's figure, Wales's, the member
/// authorities', where it stands against a target (null without one) and the figures published elsewhere for it in or
/// overlapping the period. The public form withholds as <see cref="DisclosedIndicatorFigure.Public"/> does, gives a target
/// status only where the figure it rests on is shown, and lists published figures only when they rest on the minimum base.
/// </summary>
public sealed record DisclosedIndicator(
    string Indicator, string? Name, string? Question, DateOnly From, DateOnly To, DisclosedIndicatorFigure Figure, DisclosedIndicatorFigure Wales,
    IReadOnlyList<DisclosedIndicatorFigure> Members, IndicatorStanding? Target, IReadOnlyList<PublishedFigure> Published)
{
    internal static DisclosedIndicator Partner(FootprintIndicator f) => new(
        f.Indicator.Id, f.Indicator.Name, f.Indicator.Question, f.Range.From, f.Range.To,
        DisclosedIndicatorFigure.Partner(f.Footprint, Role(f)),
        DisclosedIndicatorFigure.Partner(f.Wales, DisclosedIndicatorFigure.BenchmarkRole),
        f.Members.Select(m => DisclosedIndicatorFigure.Partner(m, DisclosedIndicatorFigure.MemberRole)).ToList(),
        f.Target, f.Published);

    internal static DisclosedIndicator Public(FootprintIndicator f, int minimum)
    {
        var benchmarkShown = f.Wales.UnweightedBase >= minimum;
        var figure = DisclosedIndicatorFigure.Public(f.Footprint, Role(f), minimum, benchmarkShown);
        var members = f.Members.Select(m => DisclosedIndicatorFigure.Public(m, DisclosedIndicatorFigure.MemberRole, minimum, benchmarkShown)).ToList();
        if (!figure.Withheld) members = Complemented(members, f.Members, minimum);
        return new(f.Indicator.Id, f.Indicator.Name, f.Indicator.Question, f.Range.From, f.Range.To, figure,
            DisclosedIndicatorFigure.Public(f.Wales, DisclosedIndicatorFigure.BenchmarkRole, minimum, benchmarkShown),
            members, f.Target?.Disclosed(figure.Withheld), f.Published.Where(p => p.UnweightedBase >= minimum).ToList());
    }

    /// <summary>
    /// Beside a shown footprint figure, the shown members' figures and bases would give the withheld members' back as a group
    /// (exactly, when responses are unweighted). So while the withheld members hold fewer than the minimum responses between
    /// them, the shown member with fewest responses is withheld too; the previous period is treated the same way.
    /// </summary>
    private static List<DisclosedIndicatorFigure> Complemented(List<DisclosedIndicatorFigure> shown, IReadOnlyList<IndicatorComparisonRow> rows, int minimum)
    {
        var current = Complement(rows.Select(r => r.UnweightedBase).ToList(), shown.Select(m => m.Withheld).ToList(), minimum);
        var previous = Complement(rows.Select(r => r.Change.PreviousUnweightedBase).ToList(),
            shown.Select(m => m.Change.PreviousWithheld).ToList(), minimum);
        return shown.Select((m, i) =>
        {
            if (current[i] && !m.Withheld)
                m = m with { Percent = null, Ci95 = null, Withheld = true, Comparison = null, Change = m.Change with { Direction = null } };
            if (previous[i] && !m.Change.PreviousWithheld)
                m = m with { Change = m.Change with { PreviousPercent = null, PreviousWithheld = true, Direction = null } };
            return m;
        }).ToList();
    }

    private static bool[] Complement(List<long> bases, List<bool> withheld, int minimum)
    {
        var result = withheld.ToArray();
        var hidden = bases.Where((_, i) => result[i]).Sum();
        foreach (var i in Enumerable.Range(0, bases.Count).Where(i => !result[i]).OrderBy(i => bases[i]))
        {
            if (hidden == 0 || hidden >= minimum) break;
            result[i] = true;
            hidden += bases[i];
        }
        return result;
    }

    // Wales's own figure is the benchmark row; any other footprint's is compared with it.
    private static string Role(FootprintIndicator f) =>
        f.Footprint.IsBenchmark ? DisclosedIndicatorFigure.BenchmarkRole : DisclosedIndicatorFigure.FootprintRole;

    /// <summary>The footnote on the indicator figures: how they are made and compared.</summary>
    internal static string MethodNote(DateOnly from, DateOnly to) => string.Create(CultureInfo.InvariantCulture,
        $"Survey indicators are for the 12 months {from:yyyy-MM-dd} to {to:yyyy-MM-dd}, against the period of the same length just before. ") +
        IndicatorDescription.MethodText;
}
