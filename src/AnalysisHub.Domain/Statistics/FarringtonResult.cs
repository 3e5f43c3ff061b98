namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// Farrington-flexible at one period. The method returns no result at all (null) when the period cannot be
/// tested, so every figure here is a real one. Like the reference, a tested period without enough recent cases
/// (limit54) has no expected value and no threshold.
/// </summary>
/// <param name="Expected">μ₀, the model's prediction for the period; null when limit54 fails.</param>
/// <param name="Threshold">the upper bound: the (1 − α) quantile of the negative binomial with mean μ₀ and
/// dispersion φ (Poisson when φ = 1); null when limit54 fails.</param>
/// <param name="Alarm">the count exceeds the threshold, and the last periods had enough cases.</param>
/// <param name="Dispersion">φ, floored at 1.</param>
/// <param name="TrendKept">whether the time trend survived its significance and extrapolation checks.</param>
/// <param name="EnoughCases">the limit54 rule: at least 5 cases in the last 4 periods; without them there is no
/// alarm.</param>
public sealed record FarringtonResult(
    int Index,
    long Count,
    double? Expected,
    long? Threshold,
    bool Alarm,
    double Dispersion,
    bool TrendKept,
    bool EnoughCases);
