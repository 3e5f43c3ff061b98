using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Indicators;

/// <summary>
/// The percent agreeing from weighted survey answers, as statistics.md defines it: 100 × Σw(agree) / Σw(all);
/// Kish's effective base n_eff = (Σw)² / Σw², which is what the weighting leaves of the sample's information; and
/// the Wilson interval of the weighted proportion on n_eff. With every weight 1, n_eff = n and the interval is the
/// ordinary Wilson one that <see cref="WilsonProportion"/> gives.
/// </summary>
public static class WeightedProportion
{
    /// <summary>
    /// The estimate, or null when there is nothing to estimate from (no responses, or responses whose weights are
    /// all 0): "no data" is not 0%, and a caller shows it as missing rather than as a figure.
    /// </summary>
    public static IndicatorEstimate? Estimate(WeightedSums sums)
    {
        if (sums.UnweightedBase <= 0 || !(sums.Denominator > 0) || !(sums.SumOfSquares > 0)) return null;
        if (!(sums.Numerator >= 0) || sums.Numerator > sums.Denominator || double.IsInfinity(sums.Denominator))
            throw new ArgumentException("The agreeing weight must lie between 0 and the total weight.", nameof(sums));

        var p = sums.Numerator / sums.Denominator;
        var effectiveBase = EffectiveBase(sums);
        var ci = Interval(p, effectiveBase, ConfidenceLevel.Z95);
        return new IndicatorEstimate(
            100 * p,
            new Interval(100 * ci.Lower, 100 * ci.Upper),
            sums.UnweightedBase,
            effectiveBase,
            sums.Numerator,
            sums.Denominator);
    }

    /// <summary>Kish's effective base (Σw)² / Σw²; it equals the number of answers when all weights are equal.</summary>
    public static double EffectiveBase(WeightedSums sums) => sums.Denominator * sums.Denominator / sums.SumOfSquares;

    /// <summary>
    /// The Wilson score interval of a proportion <paramref name="proportion"/> on a base <paramref name="effectiveBase"/>
    /// that need not be whole, on the 0–1 scale: (p + z²/2n ∓ z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), which is
    /// Wilson's (2O + z² ∓ z√(z² + 4O(1 − O/n))) / (2(n + z²)) with O = pn.
    /// </summary>
    public static Interval Interval(double proportion, double effectiveBase, double z)
    {
        if (!(proportion >= 0 && proportion <= 1)) throw new ArgumentOutOfRangeException(nameof(proportion), proportion, "p must be in [0, 1].");
        if (!(effectiveBase > 0) || double.IsInfinity(effectiveBase))
            throw new ArgumentOutOfRangeException(nameof(effectiveBase), effectiveBase, "The base must be positive.");
        if (!(z > 0)) throw new ArgumentOutOfRangeException(nameof(z), z, "z must be positive.");

        double p = proportion, n = effectiveBase, z2 = z * z;
        var centre = p + z2 / (2 * n);
        var spread = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        var scale = 1 + z2 / n;
        // At p = 0 or 1 the bound that should be exactly p comes out a rounding error to one side of it; the
        // interval is kept around p and inside [0, 1], which it always is in exact arithmetic.
        return new Interval(Math.Clamp((centre - spread) / scale, 0, p), Math.Clamp((centre + spread) / scale, p, 1));
    }
}
