using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Completeness;
using AnalysisHub.Server.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Shared;

/// <summary>The services every query endpoint reads with; its parameter classes derive from this and are bound with <c>[AsParameters]</c>.</summary>
public abstract class QueryServices
{
    [FromServices] public required GeographyRegistry Geography { get; init; }
    [FromServices] public required FeedCatalog Catalog { get; init; }
    [FromServices] public required IGrainFactory Grains { get; init; }
    [FromServices] public required TimeProvider Clock { get; init; }
    [FromServices] public required IOptions<HubOptions> Options { get; init; }
    /// <summary>The feeds' months judged complete or not, which the completeness flags read.</summary>
    [FromServices] public required CompletenessReader Completeness { get; init; }

    internal TimeSpan Timeout => Options.Value.GrainCallTimeout;

    /// <summary>A footprint's member authorities, in its order.</summary>
    internal IEnumerable<Footprint> MembersOf(Footprint footprint) => footprint.Members.Select(m => m.Footprint);
}
