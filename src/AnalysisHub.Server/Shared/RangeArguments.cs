using AnalysisHub.Domain.Rollups;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AnalysisHub.Server.Shared;

/// <summary>What is counted and over which dates: the query string series, comparisons and exceedance share.</summary>
public abstract class RangeArguments : QueryServices
{
    [FromQuery(Name = "feed")] public string? Feed { get; init; }
    [FromQuery(Name = "category")] public string? Category { get; init; }
    [FromQuery(Name = "flag")] public string[]? Flag { get; init; }
    [FromQuery(Name = "from")] public string? From { get; init; }
    [FromQuery(Name = "to")] public string? To { get; init; }

    /// <summary><c>current</c> (default): today's members over the whole range; <c>as-was</c>: each day's members that day.</summary>
    [FromQuery(Name = "boundaries")] public string? Boundaries { get; init; }

    /// <summary>The validated query at <paramref name="granularity"/>, or a problem naming the bad parameter.</summary>
    internal SeriesParameters Parse(string? granularity) => SeriesParameters.Parse(Feed, Category, Flag, From, To, granularity, Catalog, Clock);

    /// <summary>The boundaries asked for, or a problem (see <see cref="BoundariesArgument"/>).</summary>
    internal ProblemHttpResult? ParseBoundaries(out Boundaries boundaries, bool asWasAllowed = true) =>
        BoundariesArgument.Parse(Boundaries, asWasAllowed, out boundaries);
}
