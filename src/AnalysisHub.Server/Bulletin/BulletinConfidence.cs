using AnalysisHub.Server.Indicators;

namespace AnalysisHub.Server.Bulletin;

/// <summary>
/// A survey indicator in the bulletin: the footprint's figure for the 12 months ending on the bulletin period's last day,
/// compared with Wales's percent and with the period of the same length before, and where it stands against its target
/// (null without one). The figures are the indicator route's for the same period; a public bulletin withholds them, as
/// the public indicator routes do, when they rest on fewer than the minimum base (<see cref="Withheld"/>).
/// </summary>
public sealed record BulletinConfidence(
    string Indicator, string? Name, DateOnly From, DateOnly To, double? Percent, double[]? Ci95, long UnweightedBase, double? EffectiveBase,
    bool Withheld, string Benchmark, double? BenchmarkPercent, string? Comparison, DisclosedIndicatorChange Change, IndicatorStanding? Target)
{
    internal static BulletinConfidence Of(DisclosedIndicator indicator)
    {
        var f = indicator.Figure;
        return new(indicator.Indicator, indicator.Name, indicator.From, indicator.To, f.Percent, f.Ci95, f.UnweightedBase, f.EffectiveBase,
            f.Withheld, indicator.Wales.Footprint, indicator.Wales.Percent, f.Comparison, f.Change, indicator.Target);
    }
}
