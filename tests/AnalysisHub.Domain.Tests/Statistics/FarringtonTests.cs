using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Tests.Statistics;

// Reference values: /tmp/stats/farr.py. The synthetic series is y_i = round(20 + 8 sin(2πi/52)) + (7i mod 5) − 2
// (Python's round and C#'s MidpointRounding.ToEven agree). At t = 320 the trend is not significant and every
// Pearson residual is below 1, so no period is down-weighted and the dispersion (0.178) is floored at 1; a
// Poisson GLM on a factor alone then fits each level by its mean, so μ₀ is the plain mean of the 35 window-level
// reference counts (925/35 = 26.428571…) and the threshold is qpois(0.95, 925/35) = 35, summed directly in Python.
public class FarringtonTests
{
    private static long[] Seasonal(int length) =>
        Enumerable.Range(0, length)
            .Select(i => (long)Math.Round(20 + 8 * Math.Sin(2 * Math.PI * i / 52), MidpointRounding.ToEven) + (7 * i) % 5 - 2)
            .ToArray();

    [Fact]
    public void Ordinary_week_matches_the_closed_form_fit_and_does_not_alarm()
    {
        var result = Farrington.Evaluate(Seasonal(340), 320);

        Assert.NotNull(result);
        Assert.Equal(25, result.Count);
        Assert.False(result.TrendKept);
        Assert.Equal(1.0, result.Dispersion);
        Assert.NotNull(result.Expected);
        Assert.True(Math.Abs(result.Expected.Value - 925.0 / 35) < 1e-8, $"expected 26.4285714, got {result.Expected:R}");
        Assert.Equal(35, result.Threshold);
        Assert.True(result.EnoughCases);
        Assert.False(result.Alarm);
    }

    [Fact]
    public void Big_spike_alarms()
    {
        var series = Seasonal(340);
        series[320] = 80;

        var result = Farrington.Evaluate(series, 320);

        Assert.NotNull(result);
        Assert.True(result.Alarm);
        Assert.True(result.Threshold < 80);
    }

    [Fact]
    public void Ordinary_weeks_across_a_year_rarely_alarm()
    {
        var series = Seasonal(340);
        var alarms = Enumerable.Range(288, 52).Count(t => Farrington.Evaluate(series, t)!.Alarm);

        Assert.Equal(0, alarms);
    }

    [Fact]
    public void Less_than_five_years_of_history_gives_no_result()
    {
        var series = Seasonal(340);

        // 5 × 52 + 3 = 263 periods must precede t.
        Assert.Null(Farrington.Evaluate(series, 262));
        Assert.NotNull(Farrington.Evaluate(series, 263));
        Assert.All(Farrington.Run(series).Take(263), Assert.Null);
    }

    [Fact]
    public void Fewer_than_five_cases_in_four_weeks_never_alarms()
    {
        // Sparse: one case every ninth week; weeks 317–319 are empty and week 320 has 4 cases.
        var series = Enumerable.Range(0, 330).Select(i => i % 9 == 0 ? 1L : 0L).ToArray();
        series[320] = 4;

        // The week is tested, but as in surveillance it has no expected value and no threshold.
        var quiet = Farrington.Evaluate(series, 320);
        Assert.NotNull(quiet);
        Assert.False(quiet.EnoughCases);
        Assert.Null(quiet.Expected);
        Assert.Null(quiet.Threshold);
        Assert.False(quiet.Alarm);

        // One more case the week before makes five in four weeks, and the same count now alarms.
        series[319] = 1;
        var loud = Farrington.Evaluate(series, 320);
        Assert.NotNull(loud);
        Assert.True(loud.EnoughCases);
        Assert.True(loud.Threshold < 4, $"threshold {loud.Threshold}");
        Assert.True(loud.Alarm);
    }

    [Fact]
    public void Seasonal_levels_follow_surveillance_blocks()
    {
        // farr.py: reference rows 57–293; level sizes 25,25,25,25,22,20,20,20,20 and 35 in the windows.
        var o = FarringtonOptions.Noufaily;
        var levels = Farrington.SeasonalLevels(320, 57, o);
        var reference = Enumerable.Range(57, 293 - 57 + 1).Select(i => levels[i - 57]).ToArray();

        Assert.DoesNotContain(0, reference);
        Assert.Equal([25, 25, 25, 25, 22, 20, 20, 20, 20, 35],
            Enumerable.Range(1, 10).Select(l => reference.Count(x => x == l)));
        Assert.Equal([10, 10, 10, 10, 10, 10, 10, 1, 1, 1, 1, 1, 2], reference.Take(13));
    }

    [Fact]
    public void Strong_trend_is_kept_when_it_does_not_extrapolate_beyond_the_data()
    {
        // Counts rising by one every six weeks with a ±15 seasonal swing, tested in a seasonal trough (t = 346):
        // the trend is significant and the prediction stays below last year's peaks, so it is kept.
        var series = Enumerable.Range(0, 350)
            .Select(i => 10L + i / 6 + (long)Math.Round(15 * Math.Sin(2 * Math.PI * i / 52)) + (7 * i) % 5 - 2)
            .ToArray();

        var result = Farrington.Evaluate(series, 346);

        Assert.NotNull(result);
        Assert.True(result.TrendKept);
        Assert.False(result.Alarm);
    }

    [Fact]
    public void Trend_is_dropped_when_its_prediction_exceeds_every_reference_count()
    {
        // A steady rise with no season: the prediction for t is above the largest count in the reference data
        // (which ends 27 weeks earlier), so R's noExtrapolation rule removes the trend.
        var series = Enumerable.Range(0, 330).Select(i => 10L + i / 6 + (7 * i) % 5 - 2).ToArray();

        var result = Farrington.Evaluate(series, 320);

        Assert.NotNull(result);
        Assert.False(result.TrendKept);
    }
}
