namespace AnalysisHub.Domain.Statistics;

/// <summary>
/// Compares an area's 95% interval with the benchmark's point value, as Fingertips does: only an interval
/// wholly on one side of the benchmark counts as different. Violence is "higher is worse", so the RAG colour
/// follows directly (higher → red, similar → amber, lower → green).
/// </summary>
public static class BenchmarkComparison
{
    public static BenchmarkOutcome Compare(Interval areaCi95, double benchmark, bool suppressed = false)
    {
        if (suppressed) return BenchmarkOutcome.NotCompared;
        if (areaCi95.Lower > benchmark) return BenchmarkOutcome.Higher;
        if (areaCi95.Upper < benchmark) return BenchmarkOutcome.Lower;
        return BenchmarkOutcome.Similar;
    }

    /// <summary>Compares an unsuppressed rate with a benchmark rate, whatever its count: small counts have an exact
    /// Poisson interval, wide enough to be fair, so a partner output compares every area. Only an output under
    /// disclosure control leaves a withheld count uncompared, and it says so through the other overload.</summary>
    public static BenchmarkOutcome Compare(CrudeRateResult area, double benchmarkRate) =>
        Compare(area.Ci95, benchmarkRate);
}
