using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// The distribution functions the surveillance statistics need, as thin wrappers over Math.NET Numerics: exact
/// Poisson limits need chi-square quantiles, every interval needs a normal quantile, Farrington's trend test needs
/// Student's t and its threshold negative-binomial and Poisson quantiles. The wrappers keep the argument checks
/// (a bad argument is a bug here, never a silent NaN or infinity) and the names the callers use.
/// </summary>
public static class Distributions
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma needs x > 0.");
        return SpecialFunctions.GammaLn(x);
    }

    /// <summary>Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a).</summary>
    public static double RegularizedGammaP(double a, double x)
    {
        CheckGammaArguments(a, x);
        return SpecialFunctions.GammaLowerRegularized(a, x);
    }

    /// <summary>Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), computed in the upper tail itself so
    /// that probabilities close to 1 keep their precision.</summary>
    public static double RegularizedGammaQ(double a, double x)
    {
        CheckGammaArguments(a, x);
        return SpecialFunctions.GammaUpperRegularized(a, x);
    }

    /// <summary>Standard normal distribution function Φ(x).</summary>
    public static double NormalCdf(double x) => Normal.CDF(0, 1, x);

    /// <summary>Standard normal quantile Φ⁻¹(p).</summary>
    public static double NormalQuantile(double p)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in (0, 1).");
        return Normal.InvCDF(0, 1, p);
    }

    /// <summary>Chi-square quantile χ²⁻¹(p; df): the x with P(df/2, x/2) = p.</summary>
    public static double ChiSquareQuantile(double p, double degreesOfFreedom)
    {
        if (!(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in [0, 1).");
        if (!(degreesOfFreedom > 0))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "df must be > 0.");
        if (p == 0) return 0;
        return ChiSquared.InvCDF(degreesOfFreedom, p);
    }

    /// <summary>Student's t distribution function P(T ≤ t) with <paramref name="degreesOfFreedom"/> df (R's
    /// <c>pt(t, df)</c>).</summary>
    public static double StudentTCdf(double t, double degreesOfFreedom)
    {
        CheckDegreesOfFreedom(degreesOfFreedom);
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return t > 0 ? 1 : 0;
        return StudentT.CDF(0, 1, degreesOfFreedom, t);
    }

    /// <summary>
    /// Quantile of Student's t (R's <c>qt(p, df)</c>): the root of <see cref="StudentTCdf"/> = p, bracketed and
    /// bisected to a relative width of 1e-14 (the distribution function is monotone, so this is exact to that width).
    /// </summary>
    public static double StudentTQuantile(double p, double degreesOfFreedom)
    {
        // Not StudentT.InvCDF: Math.NET's root search stops at about 2e-12 relative (qt(0.975, 30) comes out as
        // 2.0422724562973, R gives 2.0422724563012), short of the 1e-12 agreement with R the tests require.
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in (0, 1).");
        CheckDegreesOfFreedom(degreesOfFreedom);
        if (p == 0.5) return 0;
        // Symmetry: solve in the lower tail, where the distribution function keeps its precision.
        var lower = Math.Min(p, 1 - p);
        double hi = 0, lo = -1;
        while (StudentTCdf(lo, degreesOfFreedom) > lower)
        {
            hi = lo;
            lo *= 2;
        }
        for (var i = 0; i < 2000 && hi - lo > 1e-14 * Math.Abs(lo); i++)
        {
            var mid = 0.5 * (lo + hi);
            if (StudentTCdf(mid, degreesOfFreedom) > lower) hi = mid;
            else lo = mid;
        }
        var root = 0.5 * (lo + hi);
        return p < 0.5 ? root : -root;
    }

    /// <summary>Regularized incomplete beta I_x(a, b).</summary>
    public static double RegularizedBeta(double x, double a, double b)
    {
        if (!(a > 0 && b > 0)) throw new ArgumentOutOfRangeException(nameof(a), "a and b must be > 0.");
        if (!(x >= 0 && x <= 1)) throw new ArgumentOutOfRangeException(nameof(x), x, "x must be in [0, 1].");
        return SpecialFunctions.BetaRegularized(a, b, x);
    }

    /// <summary>
    /// Quantile of the negative binomial with mean <paramref name="mean"/> and size r (R's <c>qnbinom(p, size,
    /// mu = mean)</c>): the smallest k with F(k) ≥ p. Farrington's nbPlugin threshold uses size = μ/(φ − 1).
    /// </summary>
    public static long NegativeBinomialQuantile(double p, double size, double mean)
    {
        if (!(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in [0, 1).");
        if (!(size > 0)) throw new ArgumentOutOfRangeException(nameof(size), size, "size must be > 0.");
        if (!(mean >= 0)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "mean must be ≥ 0.");
        if (mean == 0) return 0;
        // Math.NET's negative binomial takes a real size r and the success probability r / (r + μ).
        var probability = size / (size + mean);
        return DiscreteQuantile(p, k => NegativeBinomial.PMFLn(size, probability, (int)k));
    }

    /// <summary>Quantile of the Poisson distribution: the smallest k with F(k) ≥ p (R's <c>qpois</c>).</summary>
    public static long PoissonQuantile(double p, double mean)
    {
        if (!(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in [0, 1).");
        if (!(mean >= 0)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "mean must be ≥ 0.");
        if (mean == 0) return 0;
        return DiscreteQuantile(p, k => Poisson.PMFLn(mean, (int)k));
    }

    // Math.NET's discrete distributions have no quantile function, so the search stays here. It follows R's:
    // the running sum is compared against p·(1 − 64ε) so that rounding does not push the quantile one up.
    private static long DiscreteQuantile(double p, Func<long, double> logPmf)
    {
        var target = p * (1 - 64 * MachineEpsilon);
        var cdf = 0.0;
        for (long k = 0; ; k++)
        {
            cdf += Math.Exp(logPmf(k));
            if (cdf >= target) return k;
            if (k > 100_000_000) throw new InvalidOperationException("Quantile search did not terminate.");
        }
    }

    private static void CheckDegreesOfFreedom(double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "df must be > 0.");
    }

    private static void CheckGammaArguments(double a, double x)
    {
        if (!(a > 0)) throw new ArgumentOutOfRangeException(nameof(a), a, "a must be > 0.");
        if (!(x >= 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "x must be ≥ 0.");
    }
}
