namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// The few distribution functions the surveillance statistics need, written out here so the domain stays free
/// of numerical packages: exact Poisson limits need chi-square quantiles, every interval needs a normal
/// quantile, Farrington's trend test needs Student's t and its threshold negative-binomial and Poisson quantiles.
/// </summary>
public static class Distributions
{
    private const double Epsilon = 1e-16;
    private const double Tiny = 1e-300;
    private const double MachineEpsilon = 2.220446049250313e-16;

    // Lanczos approximation, g = 7, n = 9 (relative error about 1e-15 for positive arguments).
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0; the BCL has no log-gamma.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma needs x > 0.");
        if (x < 0.5)
        {
            // Reflection keeps the Lanczos sum in its accurate range.
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a).</summary>
    public static double RegularizedGammaP(double a, double x)
    {
        CheckGammaArguments(a, x);
        if (x == 0) return 0;
        return x < a + 1 ? GammaSeries(a, x) : 1 - GammaContinuedFraction(a, x);
    }

    /// <summary>Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), computed directly in the upper tail so
    /// that probabilities close to 1 keep their precision.</summary>
    public static double RegularizedGammaQ(double a, double x)
    {
        CheckGammaArguments(a, x);
        if (x == 0) return 1;
        return x < a + 1 ? 1 - GammaSeries(a, x) : GammaContinuedFraction(a, x);
    }

    /// <summary>Standard normal distribution function Φ(x), through Q(½, x²/2) = erfc(|x|/√2).</summary>
    public static double NormalCdf(double x)
    {
        // The tail is computed directly (Q) so that Φ(−6) keeps its relative precision.
        var tail = 0.5 * RegularizedGammaQ(0.5, 0.5 * x * x);
        return x >= 0 ? 1 - tail : tail;
    }

    /// <summary>
    /// Standard normal quantile Φ⁻¹(p): Acklam's rational approximation (relative error 1.15e-9) followed by
    /// one Halley step against <see cref="NormalCdf"/>, which brings it to near machine precision.
    /// </summary>
    public static double NormalQuantile(double p)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in (0, 1).");
        const double pLow = 0.02425;
        double x;
        if (p < pLow)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            x = AcklamTail(q);
        }
        else if (p <= 1 - pLow)
        {
            var q = p - 0.5;
            var r = q * q;
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                    + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                    + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }
        else
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -AcklamTail(q);
        }

        // Halley refinement; the error is measured in the smaller tail to keep its precision.
        var e = p < 0.5 ? NormalCdf(x) - p : (1 - p) - UpperNormal(x);
        var u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    private static double UpperNormal(double x)
    {
        var half = 0.5 * RegularizedGammaQ(0.5, 0.5 * x * x);
        return x >= 0 ? half : 1 - half;
    }

    private static double AcklamTail(double q) =>
        (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
            - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
        / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
            + 3.754408661907416e+00) * q + 1);

    /// <summary>
    /// Chi-square quantile χ²⁻¹(p; df): the x with P(df/2, x/2) = p, found by bracketing and bisection to a
    /// relative width of 1e-13. Above the median the equation is solved as Q(df/2, x/2) = 1 − p.
    /// </summary>
    public static double ChiSquareQuantile(double p, double degreesOfFreedom)
    {
        if (!(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in [0, 1).");
        if (!(degreesOfFreedom > 0))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "df must be > 0.");
        if (p == 0) return 0;

        var a = degreesOfFreedom / 2;
        var upper = p > 0.5;
        // f(x) < 0 below the root and > 0 above it.
        double F(double x) => upper ? (1 - p) - RegularizedGammaQ(a, x / 2) : RegularizedGammaP(a, x / 2) - p;

        double lo = 0, hi = Math.Max(degreesOfFreedom, 1);
        while (F(hi) < 0)
        {
            lo = hi;
            hi *= 2;
        }
        for (var i = 0; i < 2000 && hi - lo > 1e-13 * hi; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (F(mid) < 0) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// Student's t distribution function P(T ≤ t) with <paramref name="degreesOfFreedom"/> df, through the
    /// regularized incomplete beta: P(T ≤ −|t|) = ½ I_x(df/2, ½), x = df/(df + t²). The tail is computed
    /// directly so that small p-values (R's <c>pt(−|t|, df)</c>) keep their precision.
    /// </summary>
    public static double StudentTCdf(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "df must be > 0.");
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return t > 0 ? 1 : 0;
        var x = degreesOfFreedom / (degreesOfFreedom + t * t);
        var tail = 0.5 * RegularizedBeta(x, degreesOfFreedom / 2, 0.5);
        return t > 0 ? 1 - tail : tail;
    }

    /// <summary>
    /// Quantile of Student's t: the root of <see cref="StudentTCdf"/> = p, bracketed and bisected to a relative
    /// width of 1e-14 (the distribution function is monotone, so this is exact to that width).
    /// </summary>
    public static double StudentTQuantile(double p, double degreesOfFreedom)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in (0, 1).");
        if (!(degreesOfFreedom > 0))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "df must be > 0.");
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

    /// <summary>Regularized incomplete beta I_x(a, b), by Lentz's continued fraction on the side where it
    /// converges fast (Numerical Recipes betai).</summary>
    public static double RegularizedBeta(double x, double a, double b)
    {
        if (!(a > 0 && b > 0)) throw new ArgumentOutOfRangeException(nameof(a), "a and b must be > 0.");
        if (!(x >= 0 && x <= 1)) throw new ArgumentOutOfRangeException(nameof(x), x, "x must be in [0, 1].");
        if (x == 0 || x == 1) return x;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(x, a, b) / a
            : 1 - front * BetaContinuedFraction(1 - x, b, a) / b;
    }

    private static double BetaContinuedFraction(double x, double a, double b)
    {
        double qab = a + b, qap = a + 1, qam = a - 1;
        var c = 1.0;
        var d = 1 - qab * x / qap;
        if (Math.Abs(d) < Tiny) d = Tiny;
        d = 1 / d;
        var h = d;
        for (var m = 1; m < 10_000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            var del = d * c;
            h *= del;
            if (Math.Abs(del - 1) < Epsilon) break;
        }
        return h;
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
        var prob = size / (size + mean);
        var logProb = Math.Log(prob);
        var logNotProb = Math.Log(mean / (size + mean));
        var logGammaSize = LogGamma(size);
        return DiscreteQuantile(p, k => LogGamma(size + k) - logGammaSize - LogGamma(k + 1.0)
                                        + size * logProb + k * logNotProb);
    }

    /// <summary>Quantile of the Poisson distribution: the smallest k with F(k) ≥ p (R's <c>qpois</c>).</summary>
    public static long PoissonQuantile(double p, double mean)
    {
        if (!(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in [0, 1).");
        if (!(mean >= 0)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "mean must be ≥ 0.");
        if (mean == 0) return 0;
        var logMean = Math.Log(mean);
        return DiscreteQuantile(p, k => k * logMean - mean - LogGamma(k + 1.0));
    }

    private static long DiscreteQuantile(double p, Func<long, double> logPmf)
    {
        // R compares against p·(1 − 64ε) so that rounding in the running sum does not push the quantile one up.
        var target = p * (1 - 64 * MachineEpsilon);
        var cdf = 0.0;
        for (long k = 0; ; k++)
        {
            cdf += Math.Exp(logPmf(k));
            if (cdf >= target) return k;
            if (k > 100_000_000) throw new InvalidOperationException("Quantile search did not terminate.");
        }
    }

    private static void CheckGammaArguments(double a, double x)
    {
        if (!(a > 0)) throw new ArgumentOutOfRangeException(nameof(a), a, "a must be > 0.");
        if (!(x >= 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "x must be ≥ 0.");
    }

    // Series for P(a, x), good for x < a + 1 (Numerical Recipes gser).
    private static double GammaSeries(double a, double x)
    {
        var ap = a;
        var sum = 1.0 / a;
        var del = sum;
        for (var n = 0; n < 10_000; n++)
        {
            ap += 1;
            del *= x / ap;
            sum += del;
            if (Math.Abs(del) < Math.Abs(sum) * Epsilon) break;
        }
        return sum * Math.Exp(-x + a * Math.Log(x) - LogGamma(a));
    }

    // Lentz's continued fraction for Q(a, x), good for x ≥ a + 1 (Numerical Recipes gcf).
    private static double GammaContinuedFraction(double a, double x)
    {
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 10_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = b + an / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            var del = d * c;
            h *= del;
            if (Math.Abs(del - 1) < Epsilon) break;
        }
        return Math.Exp(-x + a * Math.Log(x) - LogGamma(a)) * h;
    }
}
