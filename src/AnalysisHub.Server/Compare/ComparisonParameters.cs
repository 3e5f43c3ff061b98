using AnalysisHub.Domain.Geography;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AnalysisHub.Server.Compare;

/// <summary>The query string and services every comparison endpoint shares (bound with <c>[AsParameters]</c>).</summary>
public sealed class ComparisonParameters : RangeArguments
{
    [FromQuery(Name = "benchmark")] public string? Benchmark { get; init; }

    /// <summary>Which footprints of the kind are compared: those that existed on this day (default today).</summary>
    [FromQuery(Name = "asOf")] public string? AsOf { get; init; }

    internal Task<ComparisonQuestion> AskAsync(IReadOnlyList<Footprint> footprints, bool asWasAllowed = true) =>
        ComparisonQuestion.AskAsync(footprints, this, asWasAllowed);

    /// <summary>The footprints of a kind that existed on <see cref="AsOf"/>, or a problem naming the bad parameter.</summary>
    internal ProblemHttpResult? FootprintsOfKind(string? kind, out IReadOnlyList<Footprint> footprints) =>
        Geography.FootprintsOfKind(kind, AsOf, Clock, out footprints);
}
