namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// The two-sided levels every published interval uses, as z = Φ⁻¹(1 − α/2): 95% for comparison with a
/// benchmark and 99.8% for the outer funnel limits.
/// </summary>
public static class ConfidenceLevel
{
    public const double Alpha95 = 0.05;
    public const double Alpha998 = 0.002;

    /// <summary>z for 95%, 1.959963985…</summary>
    public static readonly double Z95 = Distributions.NormalQuantile(1 - Alpha95 / 2);

    /// <summary>z for 99.8%, 3.090232306…</summary>
    public static readonly double Z998 = Distributions.NormalQuantile(1 - Alpha998 / 2);
}
