namespace AnalysisHub.Server.Api;

internal static class Rates
{
    /// <summary>Count per 100,000 residents for the period (not annualised).</summary>
    public static double Per100k(long count, long population) => population <= 0 ? 0 : count * 100_000.0 / population;
}
