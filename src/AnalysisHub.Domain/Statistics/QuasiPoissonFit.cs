namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// A fitted log-link quasi-Poisson GLM with prior weights, as R's <c>glm(family = quasipoisson)</c> fits it by
/// iteratively reweighted least squares. Farrington needs the fitted means, the hat values (for Anscombe
/// residuals), the Pearson dispersion and the coefficient covariance (for the trend test), nothing more.
/// </summary>
internal sealed class QuasiPoissonFit
{
    private const int MaxIterations = 100;
    private const double Tolerance = 1e-10;

    private QuasiPoissonFit(double[] coefficients, double[] fitted, double[] hat, double[,] inverseInformation,
        double dispersion, int residualDf)
    {
        Coefficients = coefficients;
        Fitted = fitted;
        Hat = hat;
        InverseInformation = inverseInformation;
        Dispersion = dispersion;
        ResidualDf = residualDf;
    }

    public double[] Coefficients { get; }
    public double[] Fitted { get; }
    public double[] Hat { get; }

    /// <summary>(XᵀWX)⁻¹; times the dispersion it is the coefficient covariance.</summary>
    public double[,] InverseInformation { get; }

    /// <summary>Σ wᵢ(yᵢ − μᵢ)²/μᵢ / (n − p), not floored (as <c>summary.glm</c> reports it).</summary>
    public double Dispersion { get; }

    public int ResidualDf { get; }

    public double StandardError(int coefficient) => Math.Sqrt(Dispersion * InverseInformation[coefficient, coefficient]);

    /// <summary>Fits y ~ X with prior weights; null when IRLS does not converge or the information is singular
    /// (R's <c>farringtonFlexible</c> then gives no result for the period).</summary>
    public static QuasiPoissonFit? Fit(double[,] x, double[] y, double[] priorWeights)
    {
        int n = y.Length, p = x.GetLength(1);
        if (n <= p) return null;

        // R's poisson()$initialize: μ = y + 0.1.
        var eta = new double[n];
        var mu = new double[n];
        for (var i = 0; i < n; i++)
        {
            mu[i] = y[i] + 0.1;
            eta[i] = Math.Log(mu[i]);
        }

        var beta = new double[p];
        double[,]? inverse = null;
        var deviance = Deviance(y, mu, priorWeights);
        var converged = false;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var information = new double[p, p];
            var score = new double[p];
            for (var i = 0; i < n; i++)
            {
                var w = priorWeights[i] * mu[i];
                var z = eta[i] + (y[i] - mu[i]) / mu[i];
                for (var j = 0; j < p; j++)
                {
                    var wx = w * x[i, j];
                    score[j] += wx * z;
                    for (var k = 0; k <= j; k++) information[j, k] += wx * x[i, k];
                }
            }
            for (var j = 0; j < p; j++)
                for (var k = j + 1; k < p; k++) information[j, k] = information[k, j];

            inverse = SymmetricInverse(information);
            if (inverse is null) return null;
            for (var j = 0; j < p; j++)
            {
                var b = 0.0;
                for (var k = 0; k < p; k++) b += inverse[j, k] * score[k];
                beta[j] = b;
            }
            for (var i = 0; i < n; i++)
            {
                var e = 0.0;
                for (var j = 0; j < p; j++) e += x[i, j] * beta[j];
                eta[i] = e;
                mu[i] = Math.Exp(e);
            }

            var previous = deviance;
            deviance = Deviance(y, mu, priorWeights);
            // R's glm.control criterion |dev − dev_old| / (|dev| + 0.1) < ε, with a tighter ε.
            if (Math.Abs(deviance - previous) / (Math.Abs(deviance) + 0.1) < Tolerance)
            {
                converged = true;
                break;
            }
        }
        if (!converged) return null;

        // Information, inverse and hat values at the final μ.
        var finalInformation = new double[p, p];
        for (var i = 0; i < n; i++)
        {
            var w = priorWeights[i] * mu[i];
            for (var j = 0; j < p; j++)
                for (var k = 0; k < p; k++) finalInformation[j, k] += w * x[i, j] * x[i, k];
        }
        inverse = SymmetricInverse(finalInformation);
        if (inverse is null) return null;

        var hat = new double[n];
        var pearson = 0.0;
        for (var i = 0; i < n; i++)
        {
            var quadratic = 0.0;
            for (var j = 0; j < p; j++)
                for (var k = 0; k < p; k++) quadratic += x[i, j] * inverse[j, k] * x[i, k];
            hat[i] = priorWeights[i] * mu[i] * quadratic;
            pearson += priorWeights[i] * (y[i] - mu[i]) * (y[i] - mu[i]) / mu[i];
        }

        return new QuasiPoissonFit(beta, mu, hat, inverse, pearson / (n - p), n - p);
    }

    private static double Deviance(double[] y, double[] mu, double[] weights)
    {
        var d = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var term = y[i] > 0 ? y[i] * Math.Log(y[i] / mu[i]) : 0;
            d += 2 * weights[i] * (term - (y[i] - mu[i]));
        }
        return d;
    }

    // Inverse of a symmetric positive-definite matrix by Cholesky; null when it is not numerically positive definite.
    private static double[,]? SymmetricInverse(double[,] a)
    {
        var p = a.GetLength(0);
        var l = new double[p, p];
        for (var j = 0; j < p; j++)
        {
            var diagonal = a[j, j];
            for (var k = 0; k < j; k++) diagonal -= l[j, k] * l[j, k];
            if (!(diagonal > 1e-13 * Math.Abs(a[j, j])) || !(diagonal > 0)) return null;
            l[j, j] = Math.Sqrt(diagonal);
            for (var i = j + 1; i < p; i++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }

        // Invert L (lower triangular), then A⁻¹ = L⁻ᵀ L⁻¹.
        var li = new double[p, p];
        for (var i = 0; i < p; i++)
        {
            li[i, i] = 1 / l[i, i];
            for (var j = 0; j < i; j++)
            {
                var s = 0.0;
                for (var k = j; k < i; k++) s -= l[i, k] * li[k, j];
                li[i, j] = s / l[i, i];
            }
        }
        var inverse = new double[p, p];
        for (var i = 0; i < p; i++)
            for (var j = 0; j <= i; j++)
            {
                var s = 0.0;
                for (var k = i; k < p; k++) s += li[k, i] * li[k, j];
                inverse[i, j] = s;
                inverse[j, i] = s;
            }
        return inverse;
    }
}
