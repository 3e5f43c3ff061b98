using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Tests.Statistics;

// Reference values: /tmp/stats/ref.py. With n = multiplier = 100,000 the rate limits equal the count limits.
// O < 10: exact Poisson, χ² quantiles by bisection on the closed-form even-df Poisson sum (see DistributionsTests);
// O ≥ 10: Byar's formula evaluated in Python with z from statistics.NormalDist().inv_cdf.
public class CrudeRateTests
{
    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(Math.Abs(expected), 1e-12),
            $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(0, 0.0, 3.688879454113935, 0.0, 6.907755278982137)]
    [InlineData(1, 0.025317807984289842, 5.571643390938897, 0.001000500333583479, 9.233413476451585)]
    [InlineData(5, 1.6234863901184227, 11.668332079322667, 0.7393717319178268, 16.454745203680105)]
    [InlineData(9, 4.115373097378328, 17.08480345141917, 2.452424404363759, 22.657373309062926)]
    [InlineData(10, 4.787449913967564, 18.391458605756473, 2.916318374695686, 24.19372492788055)]
    [InlineData(100, 81.36210549052788, 121.6279375792065, 71.90369187259837, 134.94362176226318)]
    public void Limits_match_exact_poisson_below_ten_and_byars_from_ten(
        long observed, double lower95, double upper95, double lower998, double upper998)
    {
        var result = CrudeRate.Calculate(observed, 100_000);

        Assert.Equal(observed, result.Count);
        Close(observed, result.Rate);
        Close(lower95, result.Ci95.Lower);
        Close(upper95, result.Ci95.Upper);
        Close(lower998, result.Ci998.Lower);
        Close(upper998, result.Ci998.Upper);
    }

    [Fact]
    public void Lower_limit_is_exactly_zero_when_nothing_was_observed()
    {
        var result = CrudeRate.Calculate(0, 100_000);

        Assert.Equal(0.0, result.Ci95.Lower);
        Assert.Equal(0.0, result.Ci998.Lower);
    }

    [Fact]
    public void Rate_and_limits_scale_by_population()
    {
        // 37 / 254,321 × 100,000 and Byar's limits divided by the population (ref.py "rate37").
        var result = CrudeRate.Calculate(37, 254_321);

        Close(14.548542983080438, result.Rate);
        Close(10.24216030701616, result.Ci95.Lower);
        Close(20.053828269496055, result.Ci95.Upper);
    }

    [Fact]
    public void The_99_8_interval_contains_the_95_interval()
    {
        foreach (var o in new long[] { 0, 1, 3, 9, 10, 11, 50, 1000 })
        {
            var r = CrudeRate.Calculate(o, 50_000);
            Assert.True(r.Ci998.Lower <= r.Ci95.Lower && r.Ci95.Upper < r.Ci998.Upper, $"O = {o}");
            Assert.True(r.Ci95.Contains(r.Rate), $"O = {o}");
        }
    }

    [Fact]
    public void Negative_counts_and_empty_populations_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CrudeRate.Calculate(-1, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrudeRate.Calculate(1, 0));
    }
}
