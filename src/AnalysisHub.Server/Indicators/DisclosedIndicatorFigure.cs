namespace AnalysisHub.Server.Indicators;

/// <summary>
/// A footprint's indicator row as a bulletin or summary publishes it, one shape for both audiences so that their CSV and
/// HTML writers serve both: for partners every figure of the <see cref="IndicatorComparisonRow"/>; for the public what
/// <see cref="PublicIndicatorRow"/> shows (nulls and <see cref="Withheld"/> under the minimum base), with the previous
/// period's percent only when it too rests on enough responses, and no weighted sums, effective base or z.
/// </summary>
/// <param name="Role"><c>footprint</c>, <c>member</c> or <c>benchmark</c>.</param>
public sealed record DisclosedIndicatorFigure(
    string Footprint, string Name, string Kind, string Role, double? Percent, double[]? Ci95, long UnweightedBase, double? EffectiveBase,
    double? Numerator, double? Denominator, bool Withheld, string? Comparison, DisclosedIndicatorChange Change)
{
    public const string FootprintRole = "footprint";
    public const string MemberRole = "member";
    public const string BenchmarkRole = "benchmark";

    internal static DisclosedIndicatorFigure Partner(IndicatorComparisonRow row, string role)
    {
        var c = row.Change;
        return new(row.Footprint, row.Name, row.Kind, role, row.Percent, row.Ci95, row.UnweightedBase, row.EffectiveBase, row.Numerator,
            row.Denominator, false, row.Comparison,
            new(c.PreviousFrom, c.PreviousTo, c.PreviousPercent, c.PreviousUnweightedBase, false, c.Direction, c.Z));
    }

    internal static DisclosedIndicatorFigure Public(IndicatorComparisonRow row, string role, int minimum, bool benchmarkShown)
    {
        var shown = PublicIndicatorRow.Of(row, minimum, benchmarkShown);
        var c = row.Change;
        var previousWithheld = c.PreviousUnweightedBase < minimum;
        return new(row.Footprint, row.Name, row.Kind, role, shown.Percent, shown.Ci95, row.UnweightedBase, null, null, null, shown.Withheld,
            shown.Comparison,
            new(c.PreviousFrom, c.PreviousTo, previousWithheld ? null : c.PreviousPercent, c.PreviousUnweightedBase, previousWithheld,
                shown.Change, null));
    }
}

/// <summary>The change from the period of the same length before, as published; <c>Direction</c> null when withheld.</summary>
public sealed record DisclosedIndicatorChange(
    DateOnly PreviousFrom, DateOnly PreviousTo, double? PreviousPercent, long PreviousUnweightedBase, bool PreviousWithheld,
    string? Direction, double? Z);
