using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Tests.Statistics;

public class BenchmarkComparisonTests
{
    [Theory]
    [InlineData(12.0, 18.0, 10.0, "higher")]
    [InlineData(12.0, 18.0, 20.0, "lower")]
    [InlineData(12.0, 18.0, 15.0, "similar")]
    [InlineData(12.0, 18.0, 12.0, "similar")] // touching the benchmark is not wholly above it
    [InlineData(12.0, 18.0, 18.0, "similar")]
    public void Interval_wholly_above_or_below_the_benchmark_differs(double lower, double upper, double benchmark, string slug) =>
        Assert.Equal(slug, BenchmarkComparison.Compare(new Interval(lower, upper), benchmark).ToSlug());

    [Fact]
    public void Suppressed_count_is_not_compared() =>
        Assert.Equal("not-compared", BenchmarkComparison.Compare(new Interval(50, 60), 10, suppressed: true).ToSlug());

    [Fact]
    public void Small_unsuppressed_counts_are_compared_through_their_exact_interval()
    {
        // 3 events in 1,000 people: exact 95% limits 61.9–876.7 per 100,000, wholly above 1, around 300, wholly below 900.
        var rate = CrudeRate.Calculate(3, 1_000);
        Assert.Equal(BenchmarkOutcome.Higher, BenchmarkComparison.Compare(rate, 1));
        Assert.Equal(BenchmarkOutcome.Similar, BenchmarkComparison.Compare(rate, 300));
        Assert.Equal(BenchmarkOutcome.Lower, BenchmarkComparison.Compare(rate, 900));
    }

    [Fact]
    public void Rates_are_compared_through_their_95_interval()
    {
        // 100 per 100,000 has 95% limits 81.36–121.63 (CrudeRateTests).
        var rate = CrudeRate.Calculate(100, 100_000);

        Assert.Equal(BenchmarkOutcome.Higher, BenchmarkComparison.Compare(rate, 80));
        Assert.Equal(BenchmarkOutcome.Similar, BenchmarkComparison.Compare(rate, 82));
        Assert.Equal(BenchmarkOutcome.Lower, BenchmarkComparison.Compare(rate, 122));
    }
}
