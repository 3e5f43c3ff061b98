using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Footprints;

/// <summary>The footprint registry and the vocabulary.</summary>
public static class FootprintApi
{
    public static IEndpointRouteBuilder MapFootprintApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Footprints");
        api.MapGet("/footprints", (GeographyRegistry geography, string? kind) =>
                TypedResults.Ok(geography.Footprints.Where(f => kind is null || f.Kind == kind)
                    .Select(f => FootprintBody.From(f, geography.PopulationSource))))
            .WithName("ListFootprints").WithSummary("Every footprint (optionally of one kind), with members, parents and children.");

        api.MapGet("/footprints/{id}", Results<Ok<FootprintBody>, ProblemHttpResult> (string id, GeographyRegistry geography) =>
                geography.Find(id) is { } f
                    ? TypedResults.Ok(FootprintBody.From(f, geography.PopulationSource))
                    : Problems.FootprintNotFound(id))
            .WithName("GetFootprint").WithSummary("One footprint by id (la:cardiff) or ONS code (W06000015).");

        api.MapGet("/feeds", (FeedCatalog catalog) => TypedResults.Ok(catalog.Feeds.Select(f => new
            {
                id = f.Id,
                name = f.Name,
                categories = f.Categories.Select(c => new { id = c.Id, parent = c.Parent?.Id }),
            })))
            .WithTags("Vocabulary").WithName("ListFeeds").WithSummary("Feeds and their category trees.");
        api.MapGet("/flags", (FeedCatalog catalog) => TypedResults.Ok(catalog.Flags))
            .WithTags("Vocabulary").WithName("ListFlags").WithSummary("The qualifier flags.");
        return app;
    }
}
