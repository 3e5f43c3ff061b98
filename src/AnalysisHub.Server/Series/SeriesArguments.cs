using AnalysisHub.Contracts;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AnalysisHub.Server.Series;

/// <summary>The query string of a footprint's series, for partner and public outputs alike (bound with <c>[AsParameters]</c>).</summary>
public class SeriesArguments : RangeArguments
{
    [FromQuery(Name = "granularity")] public string? Granularity { get; init; }

    /// <summary>The footprint's series for the query, or the problem with the request.</summary>
    internal async Task<SeriesAnswer> AskAsync(string id)
    {
        if (Geography.Find(id) is not { } footprint) return SeriesAnswer.Failed(Problems.FootprintNotFound(id));
        var parsed = Parse(Granularity);
        if (parsed.Problem is { } problem) return SeriesAnswer.Failed(problem);
        var result = await RollupGrains.For(Grains, footprint).GetSeries(parsed.Query!).WaitAsync(Timeout);
        return new SeriesAnswer(null, footprint, parsed.Query, result);
    }
}

/// <summary>A footprint's series as asked: the footprint, the validated query and the result; or the problem.</summary>
internal sealed record SeriesAnswer(ProblemHttpResult? Problem, Footprint? Footprint, SeriesQuery? Query, SeriesResult? Result)
{
    public static SeriesAnswer Failed(ProblemHttpResult problem) => new(problem, null, null, null);
}
