namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// A rate as a public audience may see it: rate and intervals are null when the count behind them is suppressed
/// (a rate and a population give the count back), and <see cref="Unreliable"/> flags rates from fewer than 10
/// events.
/// </summary>
public sealed record DisclosedRate(DisclosedCount Count, double? Rate, Interval? Ci95, Interval? Ci998, bool Unreliable);
