namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// The Wilson score interval for a share of a total (O of n), the method Fingertips uses for proportions: unlike
/// the normal approximation it stays inside [0, 1] and behaves at O = 0 and O = n.
/// </summary>
public static class WilsonProportion
{
    /// <summary>(2O + z² ∓ z·√(z² + 4O(1 − O/n))) / (2(n + z²)), on the 0–1 scale.</summary>
    public static Interval Interval(long observed, long total, double z)
    {
        if (total <= 0) throw new ArgumentOutOfRangeException(nameof(total), total, "The total must be positive.");
        if (observed < 0 || observed > total)
            throw new ArgumentOutOfRangeException(nameof(observed), observed, "O must be between 0 and n.");
        if (!(z > 0)) throw new ArgumentOutOfRangeException(nameof(z), z, "z must be positive.");

        double o = observed, n = total, z2 = z * z;
        var centre = 2 * o + z2;
        var spread = z * Math.Sqrt(z2 + 4 * o * (1 - o / n));
        var denominator = 2 * (n + z2);
        return new Interval((centre - spread) / denominator, (centre + spread) / denominator);
    }

    /// <summary>The share itself, O/n.</summary>
    public static double Proportion(long observed, long total) =>
        total > 0 ? (double)observed / total : throw new ArgumentOutOfRangeException(nameof(total), total, "The total must be positive.");
}
