namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// Farrington-flexible (Noufaily et al. 2013), the exceedance method UKHSA uses once five years of history
/// exist, following R <c>surveillance::farringtonFlexible</c> with <see cref="FarringtonOptions.Noufaily"/>:
/// <list type="number">
/// <item>reference data: every period from t − b·52 − w to t − 27 (the last <c>pastWeeksNotIncluded</c> = 26
/// periods and the current one are left out), each labelled with a 10-level seasonal factor — level 10 for the
/// ±w windows around t − 52, …, t − 260 (and around t), levels 1–9 for near-equal blocks between the windows,
/// exactly as surveillance's <c>blocks()</c> cuts them;</item>
/// <item>a quasi-Poisson log-link GLM of count on intercept + trend (the period index) + factor, fitted by
/// IRLS; φ = max(1, Pearson dispersion); Anscombe residuals sᵢ above 2.58 get weight ∝ sᵢ⁻², the rest a
/// constant, normalised to sum to n; refit with the weights and recompute φ (floored at 1);</item>
/// <item>the trend is kept only if significant at 5% (t-test of its coefficient, as <c>summary.glm</c>) and
/// the prediction does not exceed the largest reference count; otherwise the whole fit is redone without it;</item>
/// <item>expected μ₀ = the prediction for t in the window level; threshold = the 0.95 quantile of the negative
/// binomial with mean μ₀ and size μ₀/(φ − 1) (Poisson when φ = 1), the "nbPlugin" method;</item>
/// <item>alarm when (y − μ₀)/(threshold − μ₀) &gt; 1 and y ≠ 0, and only with at least 5 cases in the last 4
/// periods (limit54).</item>
/// </list>
/// </summary>
public static class Farrington
{
    // Implementation note: differences from R surveillance::farringtonFlexible, all deliberate and small.
    // - Weekly series are indexed, not dated: the reference periods are t − 52·k exactly. R, given dates, picks
    //   the same weekday nearest to one calendar year back, which is t − 53·k now and then; with weekly
    //   indices (epochAsDate = FALSE) R does exactly what is done here.
    // - The trend test compares |β/SE| with a Student t quantile from the Cornish–Fisher expansion (accurate
    //   to ~1e-6 at the hundreds of residual df the fit has) rather than R's exact pt().
    // - IRLS stops at a relative deviance change of 1e-10 (R: 1e-8) and after 100 iterations (R: 25); a fit
    //   that does not converge or whose information matrix is singular gives no result, as in R. A factor
    //   level with no reference periods (only possible with unusual options) is dropped from the design.
    // - R reports no expected value and no upper bound when limit54 fails; here both are reported (they are
    //   real model output) and only the alarm is withheld — EnoughCases says why.
    // - No population offset (counts only), as in the Noufaily settings.

    /// <summary>
    /// Tests period <paramref name="t"/> of a dense weekly series; null when fewer than b years plus w periods of
    /// history precede it, or when the model cannot be fitted.
    /// </summary>
    public static FarringtonResult? Evaluate(IReadOnlyList<long> series, int t, FarringtonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var o = options ?? FarringtonOptions.Noufaily;
        if (t < 0 || t >= series.Count) throw new ArgumentOutOfRangeException(nameof(t), t, "t is outside the series.");
        if (o.B < 1 || o.W < 0 || o.NoPeriods < 1 || o.Frequency < 2 * o.W + 1 + Math.Max(0, o.NoPeriods - 1))
            throw new ArgumentException("Inconsistent Farrington options.", nameof(options));

        var start = t - o.B * o.Frequency - o.W;
        if (start < 0) return null;

        var levels = SeasonalLevels(t, start, o);
        var rows = new List<int>();
        for (var i = start; i < t - o.PastWeeksNotIncluded; i++)
            if (levels[i - start] > 0) rows.Add(i);
        if (rows.Count == 0) return null;

        var y = rows.Select(i => (double)series[i]).ToArray();
        var rowLevels = rows.Select(i => levels[i - start]).ToArray();

        var withTrend = FitFlexible(rows, rowLevels, y, trend: true, o);
        Model? model = null;
        var trendKept = false;
        if (withTrend is not null)
        {
            var fit = withTrend.Fit;
            var tStatistic = fit.Coefficients[1] / fit.StandardError(1);
            var critical = Distributions.StudentTQuantile(1 - o.PThresholdTrend / 2, fit.ResidualDf);
            var significant = Math.Abs(tStatistic) > critical;
            var atLeastThreeYears = o.B >= 3;
            var noExtrapolation = withTrend.Predict(t) <= y.Max();
            trendKept = significant && atLeastThreeYears && noExtrapolation;
            if (trendKept) model = withTrend;
        }
        model ??= FitFlexible(rows, rowLevels, y, trend: false, o);
        if (model is null) return null;

        var expected = model.Predict(t);
        if (double.IsNaN(expected) || double.IsInfinity(expected)) return null;
        var phi = model.Phi;
        var threshold = phi > 1
            ? Distributions.NegativeBinomialQuantile(1 - o.Alpha, expected / (phi - 1), expected)
            : Distributions.PoissonQuantile(1 - o.Alpha, expected);

        long recent = 0;
        for (var i = Math.Max(0, t - o.Limit54Periods + 1); i <= t; i++) recent += series[i];
        var enoughCases = recent >= o.Limit54Cases;

        var count = series[t];
        var score = (count - expected) / (threshold - expected);
        var alarm = enoughCases && score > 1 && count != 0;
        return new FarringtonResult(t, count, expected, threshold, alarm, phi, trendKept, enoughCases);
    }

    /// <summary>Evaluates every period of the series; untestable periods are null.</summary>
    public static IReadOnlyList<FarringtonResult?> Run(IReadOnlyList<long> series, FarringtonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var results = new FarringtonResult?[series.Count];
        for (var t = 0; t < series.Count; t++) results[t] = Evaluate(series, t, options);
        return results;
    }

    /// <summary>
    /// The seasonal factor level (1 … noPeriods) of each period from <paramref name="start"/> to t, 0 for none;
    /// surveillance's <c>blocks()</c>.
    /// </summary>
    public static int[] SeasonalLevels(int t, int start, FarringtonOptions o)
    {
        var levels = new int[t - start + 1];
        void Set(int from, int to, int level)
        {
            for (var i = from; i <= to; i++)
                if (i >= start && i <= t) levels[i - start] = level;
        }

        var p = o.NoPeriods;
        Set(t - o.W, t, p);
        for (var year = 1; year <= o.B; year++)
        {
            var reference = t - year * o.Frequency;
            var newer = t - (year - 1) * o.Frequency;
            Set(reference - o.W, reference + o.W, p);
            if (p == 1) continue;

            var period = newer - 2 * o.W - 1 - reference;
            var length = period / (p - 1);
            var rest = period % (p - 1);
            var from = reference + o.W + 1;
            for (var block = 1; block <= p - 1; block++)
            {
                var size = length + (block <= rest ? 1 : 0);
                Set(from, from + size - 1, block);
                from += size;
            }
        }
        return levels;
    }

    private sealed record Model(QuasiPoissonFit Fit, double Phi, bool Trend)
    {
        // Level noPeriods (the windows) is the reference level, so the prediction for t is intercept + trend.
        public double Predict(int t) => Math.Exp(Fit.Coefficients[0] + (Trend ? Fit.Coefficients[1] * t : 0));
    }

    // algo.farrington.fitGLM.flexible: fit, φ, Anscombe weights, refit, φ again.
    private static Model? FitFlexible(List<int> rows, int[] rowLevels, double[] y, bool trend, FarringtonOptions o)
    {
        var present = rowLevels.Where(l => l != o.NoPeriods).Distinct().Order().ToArray();
        var columns = 1 + (trend ? 1 : 0) + present.Length;
        var x = new double[rows.Count, columns];
        for (var i = 0; i < rows.Count; i++)
        {
            x[i, 0] = 1;
            if (trend) x[i, 1] = rows[i];
            var column = Array.IndexOf(present, rowLevels[i]);
            if (column >= 0) x[i, 1 + (trend ? 1 : 0) + column] = 1;
        }

        var ones = Enumerable.Repeat(1.0, y.Length).ToArray();
        var first = QuasiPoissonFit.Fit(x, y, ones);
        if (first is null) return null;
        var phi = Math.Max(first.Dispersion, 1);

        var weights = AnscombeWeights(first, y, phi, o.WeightsThreshold);
        var second = QuasiPoissonFit.Fit(x, y, weights);
        if (second is null) return null;
        return new Model(second, Math.Max(second.Dispersion, 1), trend);
    }

    // anscombe.residuals + algo.farrington.assign.weights.
    private static double[] AnscombeWeights(QuasiPoissonFit fit, double[] y, double phi, double threshold)
    {
        var n = y.Length;
        var s = new double[n];
        for (var i = 0; i < n; i++)
        {
            var mu = fit.Fitted[i];
            var raw = 1.5 * (Math.Pow(y[i], 2.0 / 3) * Math.Pow(mu, -1.0 / 6) - Math.Sqrt(mu));
            s[i] = raw / Math.Sqrt(phi * (1 - fit.Hat[i]));
        }
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += s[i] > threshold ? 1 / (s[i] * s[i]) : 1;
        var gamma = n / sum;
        var weights = new double[n];
        for (var i = 0; i < n; i++) weights[i] = gamma * (s[i] > threshold ? 1 / (s[i] * s[i]) : 1);
        return weights;
    }
}
