namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// A fitted log-link quasi-Poisson GLM with prior weights, iterated exactly as R's <c>glm.fit</c> does (start
/// μ = y + 0.1, at most 25 iterations, converged when |dev − dev_old| / (|dev| + 0.1) &lt; 1e-8), so that
/// Farrington's figures agree with <c>surveillance</c> to the last digits that matter. Like <c>glm.fit</c>, the
/// working weights, the hat values and the unscaled covariance are those of the last weighted least-squares
/// step, i.e. evaluated at the μ before the final update, while the fitted values are the final μ.
/// </summary>
internal sealed class QuasiPoissonFit
{
    private const int MaxIterations = 25;
    private const double Tolerance = 1e-8;
    private const double MachineEpsilon = 2.220446049250313e-16;

    private readonly double[] _y;

    private QuasiPoissonFit(double[] y, double[] coefficients, double[] fitted, double[] workingWeights, double[] hat,
        double[,] inverseInformation, int residualDf, bool converged)
    {
        _y = y;
        Coefficients = coefficients;
        Fitted = fitted;
        WorkingWeights = workingWeights;
        Hat = hat;
        InverseInformation = inverseInformation;
        ResidualDf = residualDf;
        Converged = converged;
    }

    public double[] Coefficients { get; }
    public double[] Fitted { get; }

    /// <summary>Prior weight × μ of the last iteration (R's <c>fit$weights</c>).</summary>
    public double[] WorkingWeights { get; }

    public double[] Hat { get; }

    /// <summary>(XᵀWX)⁻¹ with the last iteration's working weights; times a dispersion it is the coefficient
    /// covariance.</summary>
    public double[,] InverseInformation { get; }

    public int ResidualDf { get; }

    /// <summary>Whether the deviance criterion was met within 25 iterations (R's <c>fit$converged</c>).</summary>
    public bool Converged { get; }

    /// <summary>
    /// <c>summary.glm</c>'s dispersion Σ wᵢ rᵢ² / (n − p), rᵢ = (yᵢ − μᵢ)/μᵢ the working residuals, for the given
    /// weights: with <see cref="WorkingWeights"/> it is the Pearson dispersion.
    /// </summary>
    public double Dispersion(double[] weights)
    {
        var sum = 0.0;
        for (var i = 0; i < _y.Length; i++)
        {
            if (!(weights[i] > 0)) continue;
            var r = (_y[i] - Fitted[i]) / Fitted[i];
            sum += weights[i] * r * r;
        }
        return sum / ResidualDf;
    }

    /// <summary>Fits y ~ X with prior weights; null only when the information matrix is singular (or there are
    /// no residual degrees of freedom). A fit that did not converge is returned with <see cref="Converged"/>
    /// false, as <c>glm</c> returns it, because R uses such fits in some places and not in others.</summary>
    public static QuasiPoissonFit? Fit(double[,] x, double[] y, double[] priorWeights)
    {
        int n = y.Length, p = x.GetLength(1);
        if (n <= p) return null;

        // poisson()$initialize: μ = y + 0.1.
        var eta = new double[n];
        var mu = new double[n];
        for (var i = 0; i < n; i++)
        {
            mu[i] = y[i] + 0.1;
            eta[i] = Math.Log(mu[i]);
        }

        var beta = new double[p];
        var working = new double[n];
        double[,]? inverse = null;
        var devianceOld = Deviance(y, mu, priorWeights);
        var converged = false;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var information = new double[p, p];
            var score = new double[p];
            for (var i = 0; i < n; i++)
            {
                var w = priorWeights[i] * mu[i];
                working[i] = w;
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

            var deviance = Deviance(y, mu, priorWeights);
            if (Math.Abs(deviance - devianceOld) / (Math.Abs(deviance) + 0.1) < Tolerance)
            {
                converged = true;
                break;
            }
            devianceOld = deviance;
        }

        // Hat values of the last weighted least-squares step: wᵢ xᵢᵀ (XᵀWX)⁻¹ xᵢ.
        var hat = new double[n];
        for (var i = 0; i < n; i++)
        {
            var quadratic = 0.0;
            for (var j = 0; j < p; j++)
                for (var k = 0; k < p; k++) quadratic += x[i, j] * inverse![j, k] * x[i, k];
            hat[i] = working[i] * quadratic;
            // lm.influence rounds hat values within 10ε of 1 up to 1.
            if (hat[i] > 1 - 10 * MachineEpsilon) hat[i] = 1;
        }

        return new QuasiPoissonFit(y, beta, mu, working, hat, inverse!, n - p, converged);
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
