namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// CDC EARS C1, C2 and C3 over a dense series of counts (a period with no records is a 0), as statistics.md
/// defines them. Used for short series where Farrington has not yet five years to work with.
/// </summary>
public static class Ears
{
    /// <summary>Baseline length for C1 and C2.</summary>
    public const int BaselineLength = 7;

    /// <summary>Alarm threshold on S for C1 and C2.</summary>
    public const double StatisticThreshold = 3;

    /// <summary>Alarm threshold on the C3 sum.</summary>
    public const double C3Threshold = 2;

    /// <summary>The sd floor for weekly counts: without it a flat baseline (sd 0) alarms on any increase.</summary>
    public const double DefaultMinSigma = 0.5;

    /// <summary>Periods of history a method needs before period t can be tested: C1 7, C2 9, C3 11 (C2 at t−2).</summary>
    public static int HistoryNeeded(EarsMethod method) => method switch
    {
        EarsMethod.C1 => BaselineLength,
        EarsMethod.C2 => BaselineLength + 2,
        EarsMethod.C3 => BaselineLength + 2 + 2,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>Runs <paramref name="method"/> at every period of <paramref name="series"/>.</summary>
    public static IReadOnlyList<EarsPoint> Run(IReadOnlyList<long> series, EarsMethod method, double minSigma = DefaultMinSigma)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (!(minSigma > 0)) throw new ArgumentOutOfRangeException(nameof(minSigma), minSigma, "minSigma must be positive.");
        foreach (var y in series)
            if (y < 0) throw new ArgumentException("Counts cannot be negative.", nameof(series));

        var points = new EarsPoint[series.Count];
        for (var t = 0; t < series.Count; t++) points[t] = Evaluate(series, t, method, minSigma);
        return points;
    }

    /// <summary>Runs <paramref name="method"/> at period <paramref name="t"/> only.</summary>
    public static EarsPoint Evaluate(IReadOnlyList<long> series, int t, EarsMethod method, double minSigma = DefaultMinSigma)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (t < 0 || t >= series.Count) throw new ArgumentOutOfRangeException(nameof(t), t, "t is outside the series.");
        if (t < HistoryNeeded(method)) return EarsPoint.Untested(t, series[t]);

        if (method == EarsMethod.C3)
        {
            var current = Baseline(series, t, 3, minSigma);
            var carried = 0.0;
            for (var i = t - 2; i < t; i++) carried += Math.Max(0, Baseline(series, i, 3, minSigma).Statistic(series[i]) - 1);
            var c3 = carried + Math.Max(0, current.Statistic(series[t]) - 1);
            return new EarsPoint(t, series[t], current.Mean, current.Sd, c3,
                current.Mean + current.Sd * (C3Threshold + 1 - carried), c3 > C3Threshold);
        }

        var lag = method == EarsMethod.C1 ? 1 : 3;
        var baseline = Baseline(series, t, lag, minSigma);
        var s = baseline.Statistic(series[t]);
        return new EarsPoint(t, series[t], baseline.Mean, baseline.Sd, s,
            baseline.Mean + StatisticThreshold * baseline.Sd, s > StatisticThreshold);
    }

    private readonly record struct BaselineStats(double Mean, double Sd)
    {
        public double Statistic(long y) => (y - Mean) / Sd;
    }

    // Mean and floored sample sd of y[t−lag−6 … t−lag].
    private static BaselineStats Baseline(IReadOnlyList<long> series, int t, int lag, double minSigma)
    {
        var from = t - lag - (BaselineLength - 1);
        var sum = 0.0;
        for (var i = from; i <= t - lag; i++) sum += series[i];
        var mean = sum / BaselineLength;
        var squares = 0.0;
        for (var i = from; i <= t - lag; i++) squares += (series[i] - mean) * (series[i] - mean);
        var sd = Math.Sqrt(squares / (BaselineLength - 1));
        return new BaselineStats(mean, Math.Max(sd, minSigma));
    }
}
