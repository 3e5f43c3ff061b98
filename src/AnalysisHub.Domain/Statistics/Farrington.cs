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
/// <item>the trend is kept only if significant at 5% (t-test of its coefficient, as <c>summary.glm</c> computes
/// it on the reference's reweighted fit) and the prediction does not exceed the largest reference count;
/// otherwise the whole fit is redone without it;</item>
/// <item>expected μ₀ = the prediction for t in the window level; threshold = the 0.95 quantile of the negative
/// binomial with mean μ₀ and size μ₀/(φ − 1) (Poisson when φ = 1), the "nbPlugin" method;</item>
/// <item>alarm when (y − log μ₀)/(threshold − log μ₀) &gt; 1 and y ≠ 0; with fewer than 5 cases in the last 4
/// periods (limit54) there is no expected value, no threshold and no alarm.</item>
/// </list>
/// </summary>
public static class Farrington
{
    // Implementation notes, where the reference's behaviour is not what the papers say and this follows the
    // reference (surveillance 1.20.3; tests/AnalysisHub.Domain.Tests/Statistics/Farrington holds its figures
    // for seven series):
    // - Weekly series are indexed, not dated: the reference periods of t are t − 52·k exactly, which is what
    //   farringtonFlexible does with indexed data (epochAsDate = FALSE, freq = 52). A 53-week ISO year shifts
    //   the ISO week label of the reference periods by one (2027-W10 is compared with 2026-W11, …); R, given
    //   dates, would instead pick the same weekday nearest to k calendar years back, which is t − 52·k − 1
    //   for the older years (from the third or fourth, depending on leap days). The hub's series are dense week lists, so the indexed rule is the one used.
    // - IRLS follows glm.fit (see QuasiPoissonFit). Only the first, unweighted fit is checked for
    //   convergence: with the trend failing it is refitted without, and failing again the period is untested.
    // - The trend test is summary.glm's t-test (p = 2·pt(−|β/SE|, df) < 0.05) on the reweighted fit. The
    //   reference overwrites that fit's working weights with the Anscombe prior weights before testing, so
    //   the dispersion behind SE is Σ ωᵢ((yᵢ − μᵢ)/μᵢ)²/df rather than the Pearson one; it is reproduced
    //   here, as it decides whether the trend is kept (the Pearson version drops it far more often).
    // - The nbPlugin score is (y − η₀)/(U − η₀) with η₀ = log μ₀, the link-scale prediction, as the reference
    //   computes it; the alarm is score > 1 and y ≠ 0. It equals y > U whenever U > η₀.
    // - When limit54 fails the reference gives no expected value and no threshold, and neither does this
    //   (EnoughCases says why); the alarm is then false.
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

        var model = FitFlexible(rows, rowLevels, y, trend: true, o);
        if (model is null) return null;
        var trendKept = false;
        if (model.Trend)
        {
            var fit = model.Fit;
            var standardError = Math.Sqrt(fit.Dispersion(model.PriorWeights) * fit.InverseInformation[1, 1]);
            var pValue = 2 * Distributions.StudentTCdf(-Math.Abs(fit.Coefficients[1] / standardError), fit.ResidualDf);
            var significant = pValue < o.PThresholdTrend;
            var atLeastThreeYears = o.B >= 3;
            var noExtrapolation = model.Predict(t) <= y.Max();
            trendKept = significant && atLeastThreeYears && noExtrapolation;
            if (!trendKept) model = FitFlexible(rows, rowLevels, y, trend: false, o);
            if (model is null) return null;
        }

        var phi = model.Phi;
        var eta = model.LinearPredictor(t);
        var expected = Math.Exp(eta);

        long recent = 0;
        for (var i = Math.Max(0, t - o.Limit54Periods + 1); i <= t; i++) recent += series[i];
        var enoughCases = recent >= o.Limit54Cases;

        var count = series[t];
        if (!enoughCases || double.IsNaN(expected) || double.IsInfinity(expected))
            return new FarringtonResult(t, count, null, null, false, phi, trendKept, enoughCases);

        var threshold = phi > 1
            ? Distributions.NegativeBinomialQuantile(1 - o.Alpha, expected / (phi - 1), expected)
            : Distributions.PoissonQuantile(1 - o.Alpha, expected);
        var score = (count - eta) / (threshold - eta);
        var alarm = score > 1 && count != 0;
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

    private sealed record Model(QuasiPoissonFit Fit, double Phi, bool Trend, double[] PriorWeights)
    {
        // Level noPeriods (the windows) is the reference level, so the prediction for t is intercept + trend.
        public double LinearPredictor(int t) => Fit.Coefficients[0] + (Trend ? Fit.Coefficients[1] * t : 0);

        public double Predict(int t) => Math.Exp(LinearPredictor(t));
    }

    // algo.farrington.fitGLM.flexible: fit (without the trend if it does not converge with it), φ, Anscombe
    // weights, refit with them, φ again. The refit is used whether or not it converged, as in the reference.
    private static Model? FitFlexible(List<int> rows, int[] rowLevels, double[] y, bool trend, FarringtonOptions o)
    {
        var ones = Enumerable.Repeat(1.0, y.Length).ToArray();
        var x = Design(rows, rowLevels, trend, o);
        var first = QuasiPoissonFit.Fit(x, y, ones);
        if (first is not { Converged: true } && trend)
        {
            trend = false;
            x = Design(rows, rowLevels, trend, o);
            first = QuasiPoissonFit.Fit(x, y, ones);
        }
        if (first is not { Converged: true }) return null;
        var phi = Math.Max(first.Dispersion(first.WorkingWeights), 1);

        var weights = AnscombeWeights(first, y, phi, o.WeightsThreshold);
        var second = QuasiPoissonFit.Fit(x, y, weights);
        if (second is null) return null;
        return new Model(second, Math.Max(second.Dispersion(second.WorkingWeights), 1), trend, weights);
    }

    // Intercept, the period index when there is a trend, and one indicator per seasonal level other than
    // noPeriods that occurs in the reference data.
    private static double[,] Design(List<int> rows, int[] rowLevels, bool trend, FarringtonOptions o)
    {
        var present = rowLevels.Where(l => l != o.NoPeriods).Distinct().Order().ToArray();
        var offset = 1 + (trend ? 1 : 0);
        var x = new double[rows.Count, offset + present.Length];
        for (var i = 0; i < rows.Count; i++)
        {
            x[i, 0] = 1;
            if (trend) x[i, 1] = rows[i];
            var column = Array.IndexOf(present, rowLevels[i]);
            if (column >= 0) x[i, offset + column] = 1;
        }
        return x;
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
