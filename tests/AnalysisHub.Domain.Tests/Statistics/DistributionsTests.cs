using AnalysisHub.Domain.Statistics;

namespace AnalysisHub.Domain.Tests.Statistics;

// Reference values: /tmp/stats/ref.py (Python 3 standard library only), reproduced in the comments.
// - normal quantiles: statistics.NormalDist().inv_cdf, which implements Wichura's AS241 (not Acklam);
// - chi-square quantiles for even df: bisection (300 steps) on the closed-form Poisson sum
//   P(χ²_{2k} ≤ x) = 1 − Σ_{j<k} e^{−x/2}(x/2)^j/j!, which uses no incomplete-gamma code;
// - other df and P(a, x): the power series of γ(a, x) with math.lgamma, bisection for quantiles;
// - ln Γ: math.lgamma; discrete quantiles: summing pmfs built from math.lgamma until F ≥ p.
public class DistributionsTests
{
    private static void Close(double expected, double actual, double relative = 1e-9) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(Math.Abs(expected), 1e-300),
            $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(0.9, 1.2815515655446008)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(0.02, -2.0537489106318225)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.99999, 4.26489079392384)]
    public void Normal_quantile_matches_as241_to_1e_12(double p, double expected) =>
        Close(expected, Distributions.NormalQuantile(p), 1e-12);

    [Fact]
    public void Normal_quantile_of_one_half_is_zero() =>
        Assert.True(Math.Abs(Distributions.NormalQuantile(0.5)) < 1e-15);

    [Theory]
    [InlineData(0.975, 2, 7.37775890822787)]   // also −2 ln(0.025) = 7.3777589082278725
    [InlineData(0.025, 10, 3.2469727802368453)]
    [InlineData(0.999, 20, 45.31474661812585)]
    [InlineData(0.95, 3, 7.814727903251171)]   // table value 7.814728
    [InlineData(0.05, 1, 0.003932140000019525)] // table value 0.00393214
    [InlineData(0.5, 7.5, 6.844905469601072)]
    public void Chi_square_quantile_matches_independent_values(double p, double df, double expected) =>
        Close(expected, Distributions.ChiSquareQuantile(p, df), 1e-11);

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(0.998)]
    public void Chi_square_quantile_with_two_df_is_the_closed_form(double p) =>
        Close(-2 * Math.Log(1 - p), Distributions.ChiSquareQuantile(p, 2), 1e-12);

    [Theory]
    [InlineData(2.5, 1.7, 0.36143007689620477)]
    [InlineData(0.5, 2.0, 0.9544997361036416)]   // P(½, 2) = erf(√2), math.erf
    [InlineData(30, 25, 0.18210391597745607)]
    public void Regularized_gamma_p_matches_the_series(double a, double x, double expected)
    {
        Close(expected, Distributions.RegularizedGammaP(a, x), 1e-12);
        Close(1 - expected, Distributions.RegularizedGammaQ(a, x), 1e-11);
    }

    [Theory]
    [InlineData(0.1, 2.2527126517342055)]
    [InlineData(0.5, 0.5723649429247004)]
    [InlineData(3.7, 1.4280723266653883)]
    [InlineData(25.0, 54.78472939811232)]
    [InlineData(171.3, 708.114947038997)]
    public void Log_gamma_matches_math_lgamma(double x, double expected) =>
        Close(expected, Distributions.LogGamma(x), 1e-13);

    [Theory]
    [InlineData(0.975, 3, 3.1824463052837078)]     // R: qt(p, df)
    [InlineData(0.975, 30, 2.0422724563012378)]
    [InlineData(0.975, 120, 1.9799304050824222)]
    [InlineData(0.975, 250, 1.9694983934211523)]
    [InlineData(0.01, 5, -3.3649299989072183)]
    public void Student_t_quantile_matches_r_qt(double p, double df, double expected) =>
        Close(expected, Distributions.StudentTQuantile(p, df), 1e-12);

    [Theory]
    [InlineData(-2, 10, 0.036694017385370196)]     // R: pt(t, df)
    [InlineData(-3.5, 250, 0.00027536684784869173)]
    [InlineData(1.3, 2, 0.83837648409197985)]
    [InlineData(-0.2, 300, 0.42080804211487977)]
    public void Student_t_distribution_function_matches_r_pt(double t, double df, double expected) =>
        Close(expected, Distributions.StudentTCdf(t, df), 1e-12);

    [Theory]
    [InlineData(0.95, 10, 15)]   // F(14) = 0.91654, F(15) = 0.95126 by direct summation
    [InlineData(0.95, 2.3, 5)]
    [InlineData(0.5, 0.1, 0)]
    public void Poisson_quantile_is_the_smallest_k_reaching_p(double p, double mean, long expected) =>
        Assert.Equal(expected, Distributions.PoissonQuantile(p, mean));

    [Theory]
    [InlineData(0.95, 10.0, 10.0, 18)]   // μ 10, φ 2
    [InlineData(0.95, 40.0, 20.0, 30)]   // μ 20, φ 1.5
    [InlineData(0.95, 3.2 / 3, 3.2, 10)] // μ 3.2, φ 4
    public void Negative_binomial_quantile_matches_direct_summation(double p, double size, double mean, long expected) =>
        Assert.Equal(expected, Distributions.NegativeBinomialQuantile(p, size, mean));
}
