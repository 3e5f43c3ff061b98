namespace AnalysisHub.Domain.Statistics;

/// <summary>A crude rate per <see cref="CrudeRate.Multiplier"/> with its 95% and 99.8% limits.</summary>
public sealed record CrudeRateResult(long Count, double Population, double Rate, Interval Ci95, Interval Ci998);
