using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Api;

/// <summary>The query string and services every comparison endpoint shares (bound with <c>[AsParameters]</c>).</summary>
public sealed class ComparisonParameters
{
    public string? Feed { get; init; }
    public string? Category { get; init; }
    [FromQuery(Name = "flag")] public string[]? Flag { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Benchmark { get; init; }

    [FromServices] public required GeographyRegistry Geography { get; init; }
    [FromServices] public required FeedCatalog Catalog { get; init; }
    [FromServices] public required IGrainFactory Grains { get; init; }
    [FromServices] public required TimeProvider Clock { get; init; }
    [FromServices] public required IOptions<HubOptions> Options { get; init; }

    internal Task<ComparisonQuestion> AskAsync(IReadOnlyList<Footprint> footprints) =>
        ComparisonQuestion.AskAsync(footprints, Feed, Category, Flag, From, To, Benchmark, Geography, Catalog, Grains, Clock, Options.Value);

    /// <summary>The footprints of a kind, or a problem naming the kinds there are.</summary>
    internal IResult? FootprintsOfKind(string? kind, out IReadOnlyList<Footprint> footprints)
    {
        footprints = string.IsNullOrEmpty(kind) ? [] : Geography.OfKind(kind).ToList();
        return footprints.Count > 0 ? null : Problems.BadParameter("kind", kind,
            $"one of {string.Join(", ", Geography.Footprints.Select(f => f.Kind).Distinct())} is required");
    }
}
