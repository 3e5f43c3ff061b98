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
        return new(f.Indicator.Id, f.Indicator.Name, f.Indicator.Question, f.Range.From, f.Range.To, figure,
            DisclosedIndicatorFigure.Public(f.Wales, DisclosedIndicatorFigure.BenchmarkRole, minimum, benchmarkShown),
            f.Members.Select(m => DisclosedIndicatorFigure.Public(m, DisclosedIndicatorFigure.MemberRole, minimum, benchmarkShown)).ToList(),
            f.Target?.Disclosed(figure.Withheld), f.Published.Where(p => p.UnweightedBase >= minimum).ToList());
    }

    // Wales's own figure is the benchmark row; any other footprint's is compared with it.
    private static string Role(FootprintIndicator f) =>
        f.Footprint.IsBenchmark ? DisclosedIndicatorFigure.BenchmarkRole : DisclosedIndicatorFigure.FootprintRole;

    /// <summary>The footnote on the indicator figures: how they are made and compared.</summary>
    internal static string MethodNote(DateOnly from, DateOnly to) => string.Create(CultureInfo.InvariantCulture,
        $"Survey indicators are for the 12 months {from:yyyy-MM-dd} to {to:yyyy-MM-dd}, against the period of the same length just before. ") +
        IndicatorDescription.MethodText;
}
