using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Indicators;

/// <summary>
/// Whether a proportion changed between two periods: the two-sided pooled two-proportion z-test of statistics.md,
/// z = (p₁ − p₂) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)) with p̄ = (p₁n₁ + p₂n₂)/(n₁ + n₂), on the effective bases, so that
/// weighting widens the test as it widens the intervals. Significant when |z| &gt; z₉₅. A published table tested
/// with the survey's full design may label some rows differently; outputs should say which method they used.
/// </summary>
public static class ProportionChange
{
    /// <param name="current">p₁, the current period's proportion (0–1).</param>
    /// <param name="currentBase">n₁, its effective base.</param>
    /// <param name="previous">p₂, the previous period's proportion (0–1).</param>
    /// <param name="previousBase">n₂, its effective base.</param>
    public static ChangeDirection Test(double current, double currentBase, double previous, double previousBase)
    {
        var z = Z(current, currentBase, previous, previousBase);
        return z > ConfidenceLevel.Z95 ? ChangeDirection.Increase
            : z < -ConfidenceLevel.Z95 ? ChangeDirection.Decrease
            : ChangeDirection.NoSignificantChange;
    }

    /// <summary>The test on two estimates (current first), from their percents and effective bases.</summary>
    public static ChangeDirection Test(IndicatorEstimate current, IndicatorEstimate previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        return Test(current.Percent / 100, current.EffectiveBase, previous.Percent / 100, previous.EffectiveBase);
    }

    /// <summary>
    /// The test statistic, positive for a rise. The pooled variance is 0 only when p̄ is 0 or 1, which happens only
    /// when both proportions are 0 or both are 1: nothing changed, so z is 0 (rather than the 0/0 of the formula).
    /// </summary>
    public static double Z(double current, double currentBase, double previous, double previousBase)
    {
        Check(current, currentBase, nameof(current), nameof(currentBase));
        Check(previous, previousBase, nameof(previous), nameof(previousBase));

        var pooled = (current * currentBase + previous * previousBase) / (currentBase + previousBase);
        var variance = pooled * (1 - pooled) * (1 / currentBase + 1 / previousBase);
        return variance > 0 ? (current - previous) / Math.Sqrt(variance) : 0;
    }

    private static void Check(double proportion, double effectiveBase, string proportionName, string baseName)
    {
        if (!(proportion >= 0 && proportion <= 1)) throw new ArgumentOutOfRangeException(proportionName, proportion, "A proportion must be in [0, 1].");
        if (!(effectiveBase > 0) || double.IsInfinity(effectiveBase))
            throw new ArgumentOutOfRangeException(baseName, effectiveBase, "A base must be positive.");
    }
}
