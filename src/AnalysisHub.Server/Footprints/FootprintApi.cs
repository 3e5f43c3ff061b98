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
        api.MapGet("/footprints", ListFootprints)
            .WithName("ListFootprints")
            .WithSummary("The footprints valid today (or on asOf), members as that day; all=true: every footprint, with its whole membership history.");

        api.MapGet("/footprints/{id}", Results<Ok<FootprintBody>, ProblemHttpResult> (string id, string? asOf, GeographyRegistry geography, TimeProvider clock) =>
            {
                if (geography.Find(id) is not { } f) return Problems.FootprintNotFound(id);
                if (DateArgument.AsOf(asOf, clock, out var day) is { } problem) return problem;
                if (f.IsValidOn(day)) return TypedResults.Ok(FootprintBody.On(f, day, geography));
                // A footprint that did not exist that day is shown as it last stood (or will first stand); asking
                // for a day outright outside its life is a mistake worth saying.
                return string.IsNullOrEmpty(asOf)
                    ? TypedResults.Ok(FootprintBody.From(f, geography.PopulationSource))
                    : Problems.BadParameter("asOf", asOf, $"{f.Id} did not exist on {day:yyyy-MM-dd} ({Life(f)})");
            })
            .WithName("GetFootprint").WithSummary("One footprint by id (la:cardiff) or ONS code (W06000015), as today or on asOf.");

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

    private static Results<Ok<IEnumerable<FootprintBody>>, ProblemHttpResult> ListFootprints(
        GeographyRegistry geography, TimeProvider clock, string? kind, string? asOf, string? all)
    {
        if (all is not (null or "" or "true" or "false"))
            return Problems.BadParameter("all", all, "is true or false");
        if (all == "true")
        {
            if (!string.IsNullOrEmpty(asOf)) return Problems.BadParameter("asOf", asOf, "all=true lists every footprint; give one or the other");
            return TypedResults.Ok(geography.Footprints.Where(f => kind is null || f.Kind == kind)
                .Select(f => FootprintBody.From(f, geography.PopulationSource)));
        }
        if (DateArgument.AsOf(asOf, clock, out var day) is { } problem) return problem;
        return TypedResults.Ok(geography.ValidOn(day).Where(f => kind is null || f.Kind == kind)
            .Select(f => FootprintBody.On(f, day, geography)));
    }

    private static string Life(Footprint f) =>
        $"{(f.ValidFrom is { } from ? from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "always")} to " +
        $"{(f.ValidTo is { } to ? to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "now")}";

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
