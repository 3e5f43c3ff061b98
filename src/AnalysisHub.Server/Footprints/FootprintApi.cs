using System.Globalization;
using AnalysisHub.Contracts;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Hosting;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Footprints;

/// <summary>The footprint registry, the vocabulary and how far each footprint's records reach (metadata: anyone may read them).</summary>
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

        api.MapGet("/footprints/{id}/extent", GetExtent)
            .WithName("GetExtent").WithSummary("The first and last month holding records, per feed, in a footprint (none yet: an empty list).");

        api.MapGet("/feeds", (FeedCatalog catalog) => TypedResults.Ok(catalog.Feeds.Select(f => new
            {
                id = f.Id,
                name = f.Name,
                weighted = f.Weighted,
                // A group (a survey's "agree") is asked for like any category but carried by no record.
                categories = f.Categories.Select(c => new { id = c.Id, parent = c.Parent?.Id, group = c.IsGroup }),
            })))
            .WithTags("Vocabulary").WithName("ListFeeds").WithSummary("Feeds and their category trees.");
        api.MapGet("/flags", (FeedCatalog catalog) => TypedResults.Ok(catalog.Flags))
            .WithTags("Vocabulary").WithName("ListFlags").WithSummary("The qualifier flags.");
        return app;
    }

    private static async Task<Results<Ok<ExtentBody>, ProblemHttpResult>> GetExtent(
        string id, GeographyRegistry geography, FeedCatalog catalog, IGrainFactory grains, IOptions<HubOptions> options)
    {
        if (geography.Find(id) is not { } footprint) return Problems.FootprintNotFound(id);
        var extents = await RollupGrains.For(grains, footprint).GetExtents().WaitAsync(options.Value.GrainCallTimeout);
        return TypedResults.Ok(new ExtentBody(footprint.Id, extents
            .Where(e => e.Feed < catalog.Feeds.Count)
            .Select(e => new FeedExtentBody(catalog.Feeds[e.Feed].Id, Month(e.First), Month(e.Last)))
            .ToList()));
    }

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
