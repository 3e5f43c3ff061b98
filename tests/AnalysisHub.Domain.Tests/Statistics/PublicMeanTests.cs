using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Tests.Statistics;

public class PublicMeanTests
{
    [Theory]
    [InlineData(0, 4, 0.0)]
    [InlineData(5, 4, 1.25)]
    [InlineData(44, 4, 11.0)]
    public void A_mean_whose_total_is_zero_or_at_least_five_is_shown(long total, int n, double mean)
    {
        var m = PublicMean.Of(total, n);

        Assert.False(m.Suppressed);
        Assert.Equal(mean, m.Value!.Value, 12);
        Assert.Null(m.Display);
    }

    [Theory]
    [InlineData(1, 4, "<1.25")]
    [InlineData(4, 4, "<1.25")]
    [InlineData(3, 2, "<2.5")]
    [InlineData(2, 7, "<0.71")]
    public void A_mean_of_counts_totalling_one_to_four_is_withheld_as_the_bound_it_implies(long total, int n, string display)
    {
        var m = PublicMean.Of(total, n);

        Assert.True(m.Suppressed);
        Assert.Null(m.Value);
        Assert.Equal(display, m.Display);
    }
}
