using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Indicators;

/// <summary>
/// The percent agreeing for one area and period with its 95% interval (both 0–100), the bases behind it and the
/// weighted sums it came from. Made by <see cref="WeightedProportion.Estimate"/>.
/// </summary>
public sealed record IndicatorEstimate(
    double Percent,
    Interval Ci95,
    long UnweightedBase,
    double EffectiveBase,
    double Numerator,
    double Denominator)
{
    /// <summary>
    /// Against a benchmark's percent (Wales, or England and Wales), as every benchmarked figure is compared: only an
    /// interval wholly above or below it differs. For confidence higher is better, so a colour is the caller's to
    /// choose (higher → green here, unlike a crime rate).
    /// </summary>
    public BenchmarkOutcome CompareWith(double benchmarkPercent) => BenchmarkComparison.Compare(Ci95, benchmarkPercent);

    /// <summary>Against another estimate's point percent; the benchmark's own interval plays no part.</summary>
    public BenchmarkOutcome CompareWith(IndicatorEstimate benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        return CompareWith(benchmark.Percent);
    }
}
