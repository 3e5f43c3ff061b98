using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Time;

namespace AnalysisHub.Server.Indicators;

/// <summary>
/// One footprint's figure in a comparison: its interval against the benchmark's percent, and its change from the
/// period of the same length just before.
/// </summary>
public sealed record IndicatorComparisonRow(
    string Indicator, string Footprint, string Name, string Kind, DateOnly From, DateOnly To, double? Percent, double[]? Ci95,
    long UnweightedBase, double EffectiveBase, double Numerator, double Denominator, string? Comparison, IndicatorChange Change,
    bool IsBenchmark)
{
    internal static IndicatorComparisonRow Of(IndicatorFigure figure, Footprint footprint, IndicatorFigure previous, double? benchmarkPercent,
        bool isBenchmark)
    {
        string? comparison = null;
        if (!isBenchmark)
            comparison = figure.Ci95 is { } ci && benchmarkPercent is { } b
                ? BenchmarkComparison.Compare(new Interval(ci[0], ci[1]), b).ToSlug()
                : BenchmarkOutcome.NotCompared.ToSlug();
        return new(figure.Indicator, figure.Footprint, figure.Name, footprint.Kind, figure.From, figure.To, figure.Percent, figure.Ci95,
            figure.UnweightedBase, figure.EffectiveBase, figure.Numerator, figure.Denominator, comparison,
            IndicatorChange.Between(figure, previous), isBenchmark);
    }
}

/// <summary>
/// The change from the previous period of the same length: <c>increase</c>, <c>decrease</c> or
/// <c>no-significant-change</c> by the two-proportion z-test on the effective bases; <c>not-tested</c> when either
/// period has no response.
/// </summary>
public sealed record IndicatorChange(
    DateOnly PreviousFrom, DateOnly PreviousTo, double? PreviousPercent, long PreviousUnweightedBase, string Direction, double? Z)
{
    public const string NotTested = "not-tested";

    internal static IndicatorChange Between(IndicatorFigure current, IndicatorFigure previous)
    {
        if (current.Percent is not { } p1 || previous.Percent is not { } p2)
            return new(previous.From, previous.To, previous.Percent, previous.UnweightedBase, NotTested, null);
        var (n1, n2) = (current.EffectiveBase, previous.EffectiveBase);
        var direction = ProportionChange.Test(p1 / 100, n1, p2 / 100, n2);
        var z = ProportionChange.Z(p1 / 100, n1, p2 / 100, n2);
        return new(previous.From, previous.To, previous.Percent, previous.UnweightedBase, direction.ToSlug(), double.IsFinite(z) ? z : null);
    }
}

/// <summary>The compare answer: a row per footprint of the kind, the benchmark's own row last, and figures others published for them.</summary>
public sealed record IndicatorComparisonBody(
    string Indicator, string Kind, DateOnly From, DateOnly To, string Benchmark, string Method,
    IReadOnlyList<IndicatorComparisonRow> Rows, IReadOnlyList<PublishedFigure> Published);
