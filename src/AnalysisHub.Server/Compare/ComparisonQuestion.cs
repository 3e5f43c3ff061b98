using AnalysisHub.Contracts;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Time;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Compare;

/// <summary>The counts behind a comparison — each footprint's and the benchmark's — for partner and public outputs alike.</summary>
internal sealed record ComparisonQuestion(ProblemHttpResult? Problem, Footprint? Benchmark, long BenchmarkCount, long[] Counts, DateRange Range)
{
    public const string DefaultBenchmark = "nation:wales";

    public const string Method = "95% interval (Byar's method for counts of 10 or more, exact Poisson below) against the benchmark's rate";

    public static async Task<ComparisonQuestion> AskAsync(IReadOnlyList<Footprint> footprints, ComparisonParameters query)
    {
        var parsed = query.Parse("year");
        if (parsed.Problem is { } problem) return Failed(problem);
        var benchmarkId = query.Benchmark ?? DefaultBenchmark;
        if (query.Geography.Find(benchmarkId) is not { } benchmark)
            return Failed(Problems.BadParameter("benchmark", benchmarkId, $"unknown footprint '{benchmarkId}'"));

        var request = parsed.Query!;
        async Task<long> Count(Footprint f) =>
            (await RollupGrains.For(query.Grains, f).GetSeries(request).WaitAsync(query.Timeout)).Total;
        var counts = await Task.WhenAll(footprints.Append(benchmark).Select(Count));
        return new ComparisonQuestion(null, benchmark, counts[^1], counts[..^1], parsed.Query!.Range);
    }

    private static ComparisonQuestion Failed(ProblemHttpResult problem) => new(problem, null, 0, [], default);
}
