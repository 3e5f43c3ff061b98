using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Tests.Indicators;

// Reference values: reference_values.py beside this file, which evaluates the formulas of statistics.md
// ("Survey proportions") at 50 digits with mpmath and exact fractions for the sums; its output pasted here.
public class WeightedProportionTests
{
    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected) + 1e-12, $"expected {expected:R}, got {actual:R}");

    private static WeightedSums Sum(IEnumerable<(double Weight, bool Agrees)> answers) =>
        answers.Aggregate(WeightedSums.Zero, (sums, a) => sums + WeightedSums.Response(a.Weight, a.Agrees));

    [Fact]
    public void Unweighted_480_of_995_is_the_ordinary_wilson_interval()
    {
        var answers = Enumerable.Range(0, 995).Select(i => (1.0, i < 480));

        var estimate = WeightedProportion.Estimate(Sum(answers))!;

        Close(48.2412060301508, estimate.Percent);
        Close(995.0, estimate.EffectiveBase);
        Close(45.1491099030952, estimate.Ci95.Lower);
        Close(51.3468304995665, estimate.Ci95.Upper);
        Assert.Equal(995, estimate.UnweightedBase);
        Close(480, estimate.Numerator);
        Close(995, estimate.Denominator);
    }

    [Fact]
    public void A_handful_of_weighted_answers_has_kishs_effective_base_and_a_wider_interval()
    {
        // The last answer is a don't-know: in both bases, never agreeing.
        (double, bool)[] answers =
        [
            (0.5, true), (1.25, true), (2, false), (0.8, true), (1.1, false), (0.6, true), (1.7, false), (0.9, true), (1.4, false),
        ];

        var estimate = WeightedProportion.Estimate(Sum(answers))!;

        Close(39.5121951219512, estimate.Percent);
        Close(7.67860405627627, estimate.EffectiveBase);
        Close(14.56303914509, estimate.Ci95.Lower);
        Close(71.4558390610334, estimate.Ci95.Upper);
        Assert.Equal(9, estimate.UnweightedBase);
        Close(4.05, estimate.Numerator);
        Close(10.25, estimate.Denominator);
    }

    [Fact]
    public void A_survey_sized_weighted_sample_matches_the_reference()
    {
        double[] cycle = [0.6, 0.9, 1.2, 1.5];
        var answers = Enumerable.Range(0, 830).Select(i => (cycle[i % 4], i % 20 < 9));

        var estimate = WeightedProportion.Estimate(Sum(answers))!;

        Close(43.4033758181192, estimate.Percent);
        Close(753.052363506389, estimate.EffectiveBase);
        Close(39.9057789260219, estimate.Ci95.Lower);
        Close(46.9679323270156, estimate.Ci95.Upper);
        Assert.Equal(830, estimate.UnweightedBase);
    }

    [Fact]
    public void Sums_given_directly_give_the_same_estimate_as_the_answers() =>
        // The 830-answer sample's sums as reference_values.py prints them.
        Close(753.052363506389, WeightedProportion.Estimate(new WeightedSums(830, 378.0, 870.9, 1007.19))!.EffectiveBase);

    [Fact]
    public void No_answers_is_no_estimate() =>
        Assert.Null(WeightedProportion.Estimate(WeightedSums.Zero));

    [Fact]
    public void Answers_that_all_weigh_nothing_are_no_estimate() =>
        Assert.Null(WeightedProportion.Estimate(WeightedSums.Response(0, true) + WeightedSums.Response(0, false)));

    [Fact]
    public void Sums_without_a_counted_response_are_no_estimate() =>
        Assert.Null(WeightedProportion.Estimate(new WeightedSums(0, 1, 2, 2)));

    [Fact]
    public void None_agreeing_and_all_agreeing_keep_the_interval_at_the_edge()
    {
        var none = WeightedProportion.Estimate(Sum(Enumerable.Repeat((1.3, false), 40)))!;
        var all = WeightedProportion.Estimate(Sum(Enumerable.Repeat((0.7, true), 40)))!;

        Assert.Equal(0, none.Percent);
        Assert.Equal(0, none.Ci95.Lower);
        Assert.Equal(100, all.Percent);
        Assert.Equal(100, all.Ci95.Upper);
    }

    [Fact]
    public void A_negative_weight_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedSums.Response(-0.5, true));

    [Fact]
    public void More_agreeing_weight_than_total_weight_is_rejected() =>
        Assert.Throws<ArgumentException>(() => WeightedProportion.Estimate(new WeightedSums(3, 4, 3, 3)));

    [Theory]
    [InlineData(44.0, "higher")] // 45.15–51.35 is wholly above 44
    [InlineData(48.0, "similar")]
    [InlineData(52.0, "lower")]
    public void An_estimate_is_compared_with_a_benchmark_percent_through_its_interval(double benchmark, string slug)
    {
        var estimate = WeightedProportion.Estimate(Sum(Enumerable.Range(0, 995).Select(i => (1.0, i < 480))))!;
        Assert.Equal(slug, estimate.CompareWith(benchmark).ToSlug());
    }

    [Fact]
    public void An_estimate_is_compared_with_a_benchmark_estimates_point_percent_not_its_interval()
    {
        // Wales-sized: 47.0% of 3,811 (interval about 45.4–48.6) against 43.40% of the 830-answer weighted sample
        // (39.91–46.97). The intervals overlap, yet each differs from the other's point percent.
        var wales = WeightedProportion.Estimate(new WeightedSums(3811, 1791.17, 3811, 3811))!;
        double[] cycle = [0.6, 0.9, 1.2, 1.5];
        var area = WeightedProportion.Estimate(Sum(Enumerable.Range(0, 830).Select(i => (cycle[i % 4], i % 20 < 9))))!;

        Assert.Equal(BenchmarkOutcome.Lower, area.CompareWith(wales));
        Assert.Equal(BenchmarkOutcome.Higher, wales.CompareWith(area));
    }
}
