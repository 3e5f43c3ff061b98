using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Tests.Statistics;

// Reference values: /tmp/stats/ears.py, baselines sliced in Python and summarised with statistics.mean and
// statistics.stdev (sample sd), floored at 0.5.
public class EarsTests
{
    private static readonly long[] Series = [3, 5, 4, 6, 2, 5, 4, 3, 6, 4, 5, 7, 9, 16];

    private static void Close(double expected, double? actual)
    {
        Assert.NotNull(actual);
        Assert.True(Math.Abs(expected - actual.Value) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");
    }

    [Fact]
    public void Flat_baseline_uses_min_sigma_so_a_small_rise_does_not_alarm()
    {
        long[] flat = [5, 5, 5, 5, 5, 5, 5, 6];

        var point = Ears.Evaluate(flat, 7, EarsMethod.C1);

        Close(5.0, point.Expected);
        Close(0.5, point.StandardDeviation);
        Close(2.0, point.Statistic);
        Close(6.5, point.Threshold);
        Assert.False(point.Alarm);
    }

    [Fact]
    public void Flat_baseline_alarms_above_three_min_sigmas_and_min_sigma_is_a_parameter()
    {
        long[] flat = [5, 5, 5, 5, 5, 5, 5, 7];

        Assert.True(Ears.Evaluate(flat, 7, EarsMethod.C1).Alarm);           // S = 2 / 0.5 = 4
        var wider = Ears.Evaluate(flat, 7, EarsMethod.C1, minSigma: 1.0);   // S = 2 / 1 = 2
        Close(2.0, wider.Statistic);
        Assert.False(wider.Alarm);
    }

    [Fact]
    public void C1_matches_the_sample_statistics_of_the_previous_seven_periods()
    {
        var quiet = Ears.Evaluate(Series, 7, EarsMethod.C1);
        Close(4.142857142857143, quiet.Expected);
        Close(1.3451854182690985, quiet.StandardDeviation);
        Close(-0.8495907904857467, quiet.Statistic);
        Assert.False(quiet.Alarm);

        var spike = Ears.Evaluate(Series, 13, EarsMethod.C1);
        Close(5.428571428571429, spike.Expected);
        Close(2.0701966780270626, spike.StandardDeviation);
        Close(5.106485139133421, spike.Statistic);
        Close(5.428571428571429 + 3 * 2.0701966780270626, spike.Threshold);
        Assert.True(spike.Alarm);
    }

    [Fact]
    public void C2_skips_a_two_period_guard_band()
    {
        var points = Ears.Run(Series, EarsMethod.C2);

        Close(-0.10619884881071859, points[9].Statistic);
        Close(1.8143299901258063, points[11].Statistic);
        Close(3.15120471969219, points[12].Statistic);
        Close(4.285714285714286, points[12].Expected);
        Close(8.81450445128962, points[13].Statistic);
        Assert.Equal([false, false, true, true], points.Skip(10).Select(p => p.Alarm!.Value));
    }

    [Fact]
    public void C3_sums_the_excess_of_c2_over_three_periods()
    {
        var points = Ears.Run(Series, EarsMethod.C3);

        Close(0.8143299901258063, points[11].Statistic);
        Close(8.773793734972859, points[11].Threshold);
        Assert.False(points[11].Alarm);
        Close(2.9655347098179963, points[12].Statistic);
        Close(7.5555345037733375, points[12].Threshold);
        Assert.True(points[12].Alarm);
        Close(10.780039161107617, points[13].Statistic);
        Assert.True(points[13].Alarm);
    }

    [Theory]
    [InlineData(EarsMethod.C1, 7)]
    [InlineData(EarsMethod.C2, 9)]
    [InlineData(EarsMethod.C3, 11)]
    public void Periods_without_enough_history_have_no_result_rather_than_zero(EarsMethod method, int firstTested)
    {
        var points = Ears.Run(Series, method);

        foreach (var point in points.Take(firstTested))
        {
            Assert.False(point.Tested);
            Assert.Null(point.Expected);
            Assert.Null(point.StandardDeviation);
            Assert.Null(point.Statistic);
            Assert.Null(point.Threshold);
            Assert.Null(point.Alarm);
        }
        Assert.All(points.Skip(firstTested), p => Assert.True(p.Tested));
    }

    [Fact]
    public void A_series_shorter_than_the_baseline_is_never_tested() =>
        Assert.All(Ears.Run([1, 2, 3, 50], EarsMethod.C1), p => Assert.Null(p.Alarm));
}
