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
    internal async Task<SeriesAnswer> AskAsync(string id, bool asWasAllowed = true)
    {
        if (Geography.Find(id) is not { } footprint) return SeriesAnswer.Failed(Problems.FootprintNotFound(id));
        var parsed = Parse(Granularity);
        if (parsed.Problem is { } problem) return SeriesAnswer.Failed(problem);
        if (ParseBoundaries(out var boundaries, asWasAllowed) is { } bad) return SeriesAnswer.Failed(bad);
        var result = await FootprintSeries.ReadAsync(Grains, footprint, parsed.Query!, boundaries, Timeout);
        return new SeriesAnswer(null, footprint, parsed.Query, result, boundaries);
    }
}

/// <summary>A footprint's series as asked: the footprint, the validated query, the boundaries and the result; or the problem.</summary>
internal sealed record SeriesAnswer(ProblemHttpResult? Problem, Footprint? Footprint, SeriesQuery? Query, SeriesResult? Result,
    Boundaries Boundaries = Boundaries.Current)
{
    public static SeriesAnswer Failed(ProblemHttpResult problem) => new(problem, null, null, null);

    /// <summary>The population a point's rate is over: the footprint's, or on as-was boundaries its members' of the point's days.</summary>
    public long PopulationOf(SeriesPoint point) => FootprintSeries.PopulationOver(Footprint!, Boundaries,
        point.Start < Query!.Range.From ? Query.Range.From : point.Start, point.End > Query.Range.To ? Query.Range.To : point.End);
}
