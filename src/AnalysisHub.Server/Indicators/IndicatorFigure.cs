using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;

namespace AnalysisHub.Server.Indicators;

/// <summary>
/// An indicator's figure for one footprint and period: the weighted percent with its 95% interval (both 0–100), the
/// number of responses, the effective base and the weighted sums it is made of. Percent and interval are null when
/// the period holds no response.
/// </summary>
public sealed record IndicatorFigure(
    string Indicator, string Footprint, string Name, DateOnly From, DateOnly To, double? Percent, double[]? Ci95,
    long UnweightedBase, double EffectiveBase, double Numerator, double Denominator)
{
    internal static IndicatorFigure Of(Indicator indicator, Footprint footprint, DateRange range, WeightedSums sums)
    {
        var estimate = WeightedProportion.Estimate(sums);
        return new(indicator.Id, footprint.Id, footprint.Name, range.From, range.To, estimate?.Percent,
            estimate is { } e ? [e.Ci95.Lower, e.Ci95.Upper] : null, sums.UnweightedBase, estimate?.EffectiveBase ?? 0,
            sums.Numerator, sums.Denominator);
    }
}
