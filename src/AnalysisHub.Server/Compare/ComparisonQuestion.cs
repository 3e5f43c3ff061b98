using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Time;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Compare;

/// <summary>The counts behind a comparison — each footprint's and the benchmark's — for partner and public outputs alike.</summary>
/// <remarks>On as-was boundaries a footprint's rate is over its members' population of the first day it existed in the range.</remarks>
internal sealed record ComparisonQuestion(ProblemHttpResult? Problem, Footprint? Benchmark, long BenchmarkCount, long[] Counts, DateRange Range,
    Boundaries Boundaries = Boundaries.Current)
{
    public const string DefaultBenchmark = "nation:wales";

    public const string Method = "95% interval (Byar's method for counts of 10 or more, exact Poisson below) against the benchmark's rate";

    public static async Task<ComparisonQuestion> AskAsync(IReadOnlyList<Footprint> footprints, ComparisonParameters query, bool asWasAllowed)
    {
        var parsed = query.Parse("year");
        if (parsed.Problem is { } problem) return Failed(problem);
        if (query.ParseBoundaries(out var boundaries, asWasAllowed) is { } bad) return Failed(bad);
        var benchmarkId = query.Benchmark ?? DefaultBenchmark;
        if (query.Geography.Find(benchmarkId) is not { } benchmark)
            return Failed(Problems.BadParameter("benchmark", benchmarkId, $"unknown footprint '{benchmarkId}'"));

        var request = parsed.Query!;
        async Task<long> Count(Footprint f) =>
            (await FootprintSeries.ReadAsync(query.Grains, f, request, boundaries, query.Timeout)).Total;
        var counts = await Task.WhenAll(footprints.Append(benchmark).Select(Count));
        return new ComparisonQuestion(null, benchmark, counts[^1], counts[..^1], parsed.Query!.Range, boundaries);
    }

    /// <summary>The population a footprint's rate is over, on the boundaries asked.</summary>
    public long PopulationOf(Footprint footprint) => FootprintSeries.PopulationOver(footprint, Boundaries, Range.From, Range.To);

    private static ComparisonQuestion Failed(ProblemHttpResult problem) => new(problem, null, 0, [], default);
}
