using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Statistics;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Indicators;

/// <summary>
/// The weighted proportion on generated samples against a model written from statistics.md: the sums in exact
/// decimal arithmetic (weights are whole thousandths, so decimal holds them exactly), Kish's base from those sums,
/// and Wilson's interval in its O-and-n form with O = p·n.
/// </summary>
public class WeightedProportionPropertyTests
{
    private const double Z95 = 1.959963984540054; // Φ⁻¹(0.975), as reference_values.py prints it

    private readonly record struct Answer(int Thousandths, bool Agrees)
    {
        public double Weight => Thousandths / 1000.0;
    }

    /// <summary>Samples of 1–400 answers weighing 0.001–6; a third of them all agreeing or none agreeing, so the
    /// interval's edges at 0% and 100% are exercised.</summary>
    private static readonly Gen<Answer[]> Samples =
        Gen.Select(Gen.Int[1, 6000].Select(Gen.Bool, (k, agrees) => new Answer(k, agrees)).Array[1, 400], Gen.Int[0, 2])
            .Select((answers, mode) => mode switch
            {
                1 => answers.Select(a => a with { Agrees = true }).ToArray(),
                2 => answers.Select(a => a with { Agrees = false }).ToArray(),
                _ => answers,
            });

    private static WeightedSums Sum(IEnumerable<Answer> answers) =>
        answers.Aggregate(WeightedSums.Zero, (sums, a) => sums + WeightedSums.Response(a.Weight, a.Agrees));

    private static bool Close(double expected, double actual, double tolerance = 1e-9) =>
        Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected));

    private static string Print(Answer[] answers) => string.Join(" ", answers.Select(a => $"{a.Weight}{(a.Agrees ? "+" : "-")}"));

    private sealed record Model(double Percent, double EffectiveBase, double Lower, double Upper);

    private static Model ModelOf(IReadOnlyList<Answer> answers)
    {
        decimal all = 0, agree = 0, squares = 0;
        foreach (var a in answers)
        {
            var w = a.Thousandths / 1000m;
            all += w;
            squares += w * w;
            if (a.Agrees) agree += w;
        }
        var p = (double)(agree / all);
        var n = (double)(all * all / squares);
        var o = p * n;
        var z2 = Z95 * Z95;
        var spread = Z95 * Math.Sqrt(z2 + 4 * o * (1 - o / n));
        return new Model(100 * p, n, 100 * (2 * o + z2 - spread) / (2 * (n + z2)), 100 * (2 * o + z2 + spread) / (2 * (n + z2)));
    }

    [Fact]
    public void Percent_effective_base_and_interval_match_the_model()
    {
        Samples.Sample(answers =>
        {
            var model = ModelOf(answers);
            var estimate = WeightedProportion.Estimate(Sum(answers))!;
            return estimate.UnweightedBase == answers.Length
                && Close(model.Percent, estimate.Percent) && Close(model.EffectiveBase, estimate.EffectiveBase)
                && Close(model.Lower, estimate.Ci95.Lower) && Close(model.Upper, estimate.Ci95.Upper);
        }, print: Print);
    }

    [Fact]
    public void Unweighted_answers_give_the_ordinary_wilson_interval()
    {
        Gen.Int[1, 3000].SelectMany(n => Gen.Int[0, n].Select(o => (O: o, N: n))).Sample(c =>
        {
            var sums = Sum(Enumerable.Range(0, c.N).Select(i => new Answer(1000, i < c.O)));
            var estimate = WeightedProportion.Estimate(sums)!;
            var wilson = WilsonProportion.Interval(c.O, c.N, ConfidenceLevel.Z95);
            return estimate.EffectiveBase == c.N && Close(100.0 * c.O / c.N, estimate.Percent)
                && Close(100 * wilson.Lower, estimate.Ci95.Lower, 1e-11) && Close(100 * wilson.Upper, estimate.Ci95.Upper, 1e-11);
        });
    }

    [Fact]
    public void The_interval_holds_the_percent_and_stays_between_0_and_100()
    {
        Samples.Sample(answers =>
        {
            var e = WeightedProportion.Estimate(Sum(answers))!;
            return e.Ci95.Lower >= 0 && e.Ci95.Lower <= e.Percent && e.Percent <= e.Ci95.Upper && e.Ci95.Upper <= 100;
        }, print: Print);
    }

    [Fact]
    public void Scaling_every_weight_by_a_constant_changes_nothing_but_the_weighted_sums()
    {
        Gen.Select(Samples, Gen.Double[0.01, 100]).Sample((answers, scale) =>
        {
            var plain = WeightedProportion.Estimate(Sum(answers))!;
            var scaled = WeightedProportion.Estimate(answers.Aggregate(WeightedSums.Zero,
                (sums, a) => sums + WeightedSums.Response(a.Weight * scale, a.Agrees)))!;
            return scaled.UnweightedBase == plain.UnweightedBase && Close(plain.Percent, scaled.Percent)
                && Close(plain.EffectiveBase, scaled.EffectiveBase)
                && Close(plain.Ci95.Lower, scaled.Ci95.Lower) && Close(plain.Ci95.Upper, scaled.Ci95.Upper)
                && Close(plain.Denominator * scale, scaled.Denominator);
        }, print: t => $"×{t.Item2}: {Print(t.Item1)}");
    }

    [Fact]
    public void Sums_of_areas_added_together_estimate_the_areas_answers_pooled()
    {
        // Two areas (or two periods) summed separately and added, in either order, against the model of all answers.
        Gen.Select(Samples, Samples).Sample((first, second) =>
        {
            var model = ModelOf([.. first, .. second]);
            var combined = Sum(first) + Sum(second);
            var estimate = WeightedProportion.Estimate(combined)!;
            return combined == Sum(second).Add(Sum(first)) && estimate.UnweightedBase == first.Length + second.Length
                && Close(model.Percent, estimate.Percent) && Close(model.EffectiveBase, estimate.EffectiveBase)
                && Close(model.Lower, estimate.Ci95.Lower) && Close(model.Upper, estimate.Ci95.Upper);
        });
    }

    [Fact]
    public void The_effective_base_is_never_more_than_the_number_of_answers()
    {
        // Cauchy–Schwarz: (Σw)² ≤ n·Σw², equal only when the weights are.
        Samples.Sample(answers => WeightedProportion.Estimate(Sum(answers))!.EffectiveBase <= answers.Length * (1 + 1e-12), print: Print);
    }
}
