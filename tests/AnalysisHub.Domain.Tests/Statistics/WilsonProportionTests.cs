using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Tests.Statistics;

// Reference values: /tmp/stats/ref.py, the Wilson formula of statistics.md evaluated in Python with
// z = statistics.NormalDist().inv_cdf(0.975) and inv_cdf(0.999).
public class WilsonProportionTests
{
    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected) + 1e-15, $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(0, 20, 0.0, 0.16112515805281932, 0.0, 0.32317041462405505)]
    [InlineData(5, 20, 0.1118617014076657, 0.46870087761874396, 0.07171366289175934, 0.5898715444202682)]
    [InlineData(20, 20, 0.8388748419471808, 1.0, 0.676829585375945, 1.0)]
    [InlineData(37, 412, 0.06585591872396813, 0.1213343124796465, 0.05507479403363906, 0.14312145250270264)]
    [InlineData(1, 1000, 0.00017654637062607795, 0.005642558597957934, 8.724896851874241e-05, 0.011353037315210214)]
    public void Wilson_interval_matches_the_formula(long o, long n, double lower95, double upper95, double lower998, double upper998)
    {
        var ci95 = WilsonProportion.Interval(o, n, ConfidenceLevel.Z95);
        var ci998 = WilsonProportion.Interval(o, n, ConfidenceLevel.Z998);

        Close(lower95, ci95.Lower);
        Close(upper95, ci95.Upper);
        Close(lower998, ci998.Lower);
        Close(upper998, ci998.Upper);
    }

    [Fact]
    public void Interval_contains_the_proportion_and_stays_in_the_unit_range()
    {
        for (var o = 0; o <= 30; o++)
        {
            var ci = WilsonProportion.Interval(o, 30, ConfidenceLevel.Z95);
            var p = WilsonProportion.Proportion(o, 30);
            Assert.InRange(ci.Lower, -1e-15, p + 1e-15);
            Assert.InRange(ci.Upper, p - 1e-15, 1 + 1e-15);
        }
    }

    [Fact]
    public void Observed_above_total_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonProportion.Interval(5, 4, ConfidenceLevel.Z95));
}
