using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Indicators;

/// <summary>
/// The survey indicators' targets and published figures, for partners to read: <c>GET
/// /api/v1/indicators/{indicator}/targets[/{footprint}]</c> and <c>GET …/published?footprint=</c>. Writing them is
/// <see cref="IndicatorWriteApi"/>'s.
/// </summary>
public static class IndicatorTargetApi
{
    public static IEndpointRouteBuilder MapIndicatorTargetApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/indicators/{indicator}").WithTags("Indicators");
        api.MapGet("/targets", ListTargets).WithName("ListIndicatorTargets")
            .WithSummary("Every footprint's target on the indicator: {targets: [{footprint, baseline, milestones}]}.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/targets/{footprint}", GetTarget).WithName("GetIndicatorTarget")
            .WithSummary("One footprint's target on the indicator: baseline {from, to, percent} and milestones [{date, percent}].")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/published", ListPublished).WithName("ListPublishedFigures")
            .WithSummary("Published figures of the indicator, by footprint, period end and source; footprint= for one footprint.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<TargetList>, ProblemHttpResult>> ListTargets(string indicator, FeedCatalog catalog, IIndicatorStore store,
        CancellationToken cancellationToken)
    {
        if (catalog.FindIndicator(indicator) is null) return IndicatorProblems.NotFound(indicator, catalog);
        return TypedResults.Ok(new TargetList(await store.ListTargetsAsync(indicator, cancellationToken)));
    }

    private static async Task<Results<Ok<IndicatorTarget>, ProblemHttpResult>> GetTarget(string indicator, string footprint, FeedCatalog catalog,
        GeographyRegistry geography, IIndicatorStore store, CancellationToken cancellationToken)
    {
        if (catalog.FindIndicator(indicator) is null) return IndicatorProblems.NotFound(indicator, catalog);
        if (geography.Find(footprint) is not { } place) return Problems.FootprintNotFound(footprint);
        return await store.GetTargetAsync(indicator, place.Id, cancellationToken) is { } target
            ? TypedResults.Ok(target)
            : IndicatorProblems.NoTarget(indicator, place.Id);
    }

    private static async Task<Results<Ok<PublishedList>, ProblemHttpResult>> ListPublished(string indicator, string? footprint, FeedCatalog catalog,
        GeographyRegistry geography, IIndicatorStore store, CancellationToken cancellationToken)
    {
        if (catalog.FindIndicator(indicator) is null) return IndicatorProblems.NotFound(indicator, catalog);
        string? id = null;
        if (!string.IsNullOrEmpty(footprint))
        {
            if (geography.Find(footprint) is not { } place) return Problems.FootprintNotFound(footprint);
            id = place.Id;
        }
        return TypedResults.Ok(new PublishedList(await store.ListPublishedAsync(indicator, id, cancellationToken)));
    }
}
