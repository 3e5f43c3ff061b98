using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Statistics;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Indicators;

// Reference values: reference_values.py beside this file (the pooled z-test of statistics.md at 50 digits).
public class ProportionChangeTests
{
    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected) + 1e-12, $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void South_wales_rise_from_39_to_47_percent_is_a_significant_increase()
    {
        Close(3.60975461734856, ProportionChange.Z(0.47, 996, 0.39, 1000));
        Assert.Equal(ChangeDirection.Increase, ProportionChange.Test(0.47, 996, 0.39, 1000));
    }

    [Fact]
    public void The_same_change_the_other_way_is_a_significant_decrease()
    {
        Close(-3.60975461734856, ProportionChange.Z(0.39, 1000, 0.47, 996));
        Assert.Equal(ChangeDirection.Decrease, ProportionChange.Test(0.39, 1000, 0.47, 996));
    }

    [Fact]
    public void Dyfed_powys_rise_from_44_to_48_percent_is_not_significant()
    {
        Close(1.79011420213426, ProportionChange.Z(0.48, 995, 0.44, 995));
        Assert.Equal(ChangeDirection.NoSignificantChange, ProportionChange.Test(0.48, 995, 0.44, 995));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Both_periods_at_0_or_both_at_100_percent_is_no_change(double p)
    {
        Assert.Equal(0, ProportionChange.Z(p, 50, p, 80));
        Assert.Equal(ChangeDirection.NoSignificantChange, ProportionChange.Test(p, 50, p, 80));
    }

    [Fact]
    public void Estimates_are_tested_on_their_effective_bases()
    {
        // 47% then 39% on effective bases of 996 and 1,000 is the South Wales increase (z = 3.61); the same percents
        // on effective bases of 250 each, as heavy weighting could leave, give z = 0.08 / √(0.43 · 0.57 · 2/250) ≈ 1.81.
        var current = new IndicatorEstimate(47, new Interval(0, 100), 996, 996, 468.12, 996);
        var previous = new IndicatorEstimate(39, new Interval(0, 100), 1000, 1000, 390, 1000);
        Assert.Equal(ChangeDirection.Increase, ProportionChange.Test(current, previous));
        Assert.Equal(ChangeDirection.NoSignificantChange,
            ProportionChange.Test(current with { EffectiveBase = 250 }, previous with { EffectiveBase = 250 }));
    }

    [Fact]
    public void A_base_of_zero_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionChange.Z(0.4, 0, 0.3, 10));

    private static readonly Gen<(double P1, double N1, double P2, double N2)> Pairs =
        Gen.Select(Gen.Double[0, 1], Gen.Double[1, 50_000], Gen.Double[0, 1], Gen.Double[1, 50_000]);

    [Fact]
    public void Z_matches_a_model_written_from_the_counts()
    {
        // The model: with x = p₁n₁ + p₂n₂ agreeing out of N = n₁ + n₂, p̄(1 − p̄)(1/n₁ + 1/n₂) = x(N − x) / (N n₁ n₂).
        Pairs.Sample((p1, n1, p2, n2) =>
        {
            double x = p1 * n1 + p2 * n2, total = n1 + n2;
            var variance = x * (total - x) / (total * n1 * n2);
            var model = variance > 0 ? (p1 - p2) / Math.Sqrt(variance) : 0;
            var direction = Math.Abs(model) > 1.959963984540054
                ? model > 0 ? ChangeDirection.Increase : ChangeDirection.Decrease
                : ChangeDirection.NoSignificantChange;
            var z = ProportionChange.Z(p1, n1, p2, n2);
            // Right at the threshold the two roundings may disagree; anywhere else the direction must match.
            return Math.Abs(z - model) <= 1e-9 * Math.Max(1, Math.Abs(model))
                && (Math.Abs(Math.Abs(model) - 1.959963984540054) < 1e-9 || ProportionChange.Test(p1, n1, p2, n2) == direction);
        });
    }

    [Fact]
    public void Swapping_the_periods_reverses_the_sign_and_the_direction()
    {
        Pairs.Sample((p1, n1, p2, n2) =>
        {
            var forward = ProportionChange.Test(p1, n1, p2, n2);
            var backward = ProportionChange.Test(p2, n2, p1, n1);
            var mirrored = forward switch
            {
                ChangeDirection.Increase => ChangeDirection.Decrease,
                ChangeDirection.Decrease => ChangeDirection.Increase,
                _ => ChangeDirection.NoSignificantChange,
            };
            return Math.Abs(ProportionChange.Z(p1, n1, p2, n2) + ProportionChange.Z(p2, n2, p1, n1)) <= 1e-9 && backward == mirrored;
        });
    }

    [Fact]
    public void Equal_proportions_never_change()
    {
        Gen.Select(Gen.Double[0, 1], Gen.Double[1, 50_000], Gen.Double[1, 50_000]).Sample((p, n1, n2) =>
            Math.Abs(ProportionChange.Z(p, n1, p, n2)) < 1e-9 && ProportionChange.Test(p, n1, p, n2) == ChangeDirection.NoSignificantChange);
    }
}
