namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// Crude rates and their limits exactly as OHID Fingertips / PHEindicatormethods compute them, so that the
/// numbers agree with those analysts already publish: Byar's approximation from 10 events, the exact Poisson
/// (chi-square) limits below that, and a lower limit of 0 when nothing was observed.
/// </summary>
public static class CrudeRate
{
    /// <summary>Rates are per 100,000 population.</summary>
    public const double Multiplier = 100_000;

    /// <summary>From this count up Byar's approximation is used; below it the exact Poisson limits.</summary>
    public const long ByarsFrom = 10;

    public static CrudeRateResult Calculate(long observed, double population, double multiplier = Multiplier)
    {
        if (observed < 0) throw new ArgumentOutOfRangeException(nameof(observed), observed, "A count cannot be negative.");
        if (!(population > 0)) throw new ArgumentOutOfRangeException(nameof(population), population, "Population must be positive.");

        return new CrudeRateResult(
            observed,
            population,
            observed / population * multiplier,
            Limits(observed, population, ConfidenceLevel.Alpha95, multiplier),
            Limits(observed, population, ConfidenceLevel.Alpha998, multiplier));
    }

    /// <summary>The two-sided (1 − α) limits of the rate for <paramref name="observed"/> events.</summary>
    public static Interval Limits(long observed, double population, double alpha, double multiplier = Multiplier)
    {
        var count = CountLimits(observed, alpha);
        return new Interval(count.Lower / population * multiplier, count.Upper / population * multiplier);
    }

    // Every series point carries an interval, and most daily counts are small: the exact limits take two chi-square
    // quantile searches each, which profiling showed dominating a series query. They depend only on (α, count <
    // 10), and z only on α, so each is computed once. (Only a handful of α values are ever used.)
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(double Alpha, long Observed), Interval> Exact = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<double, double> Z = new();

    /// <summary>The limits of the Poisson count itself, before dividing by the population.</summary>
    public static Interval CountLimits(long observed, double alpha)
    {
        if (observed < 0) throw new ArgumentOutOfRangeException(nameof(observed), observed, "A count cannot be negative.");
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");

        if (observed >= ByarsFrom)
        {
            var z = Z.GetOrAdd(alpha, a => Distributions.NormalQuantile(1 - a / 2));
            double o = observed, o1 = observed + 1;
            var lower = o * Math.Pow(1 - 1 / (9 * o) - z / (3 * Math.Sqrt(o)), 3);
            var upper = o1 * Math.Pow(1 - 1 / (9 * o1) + z / (3 * Math.Sqrt(o1)), 3);
            return new Interval(lower, upper);
        }

        return Exact.GetOrAdd((alpha, observed), key => ExactLimits(key.Observed, key.Alpha));
    }

    private static Interval ExactLimits(long observed, double alpha)
    {
        var lower = observed == 0 ? 0 : Distributions.ChiSquareQuantile(alpha / 2, 2 * observed) / 2;
        var upper = Distributions.ChiSquareQuantile(1 - alpha / 2, 2 * observed + 2) / 2;
        return new Interval(lower, upper);
    }
}
