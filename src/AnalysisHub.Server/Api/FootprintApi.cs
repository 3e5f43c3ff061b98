using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Statistics;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Api;

/// <summary>The footprint registry, the vocabulary and rollup series.</summary>
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
                    : (ProblemHttpResult)Problems.FootprintNotFound(id))
            .WithName("GetFootprint").WithSummary("One footprint by id (la:cardiff) or ONS code (W06000015).");

        api.MapGet("/footprints/{id}/series", GetSeries)
            .WithName("GetSeries").WithSummary("A dense count series with rates per 100,000 for a footprint, feed, category and flags.");

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

    private static SeriesPointBody Point(AnalysisHub.Domain.Rollups.SeriesPoint p, long population)
    {
        // A point carries only the 95% interval: computing the 99.8% one too (CrudeRate.Calculate) doubled the
        // work of every point of every series query.
        var ci95 = CrudeRate.Limits(p.Count, population, ConfidenceLevel.Alpha95);
        return new SeriesPointBody(p.Period, p.Start, p.End, p.Count, p.Count / (double)population * CrudeRate.Multiplier, [ci95.Lower, ci95.Upper]);
    }

    private static async Task<IResult> GetSeries(string id, [AsParameters] SeriesArguments query)
    {
        var answer = await query.AskAsync(id);
        if (answer.Problem is { } problem) return problem;
        var (footprint, result) = (answer.Footprint!, answer.Result!);
        return TypedResults.Ok(new SeriesBody(
            footprint.Id, query.Feed!, query.Category, query.Flag ?? [], answer.Query!.Granularity.ToSlug(), answer.Query.Range.From,
            answer.Query.Range.To, footprint.Population, query.Geography.PopulationSource, result.Total, result.ExcludedMonthPrecision,
            result.Points.Select(p => Point(p, footprint.Population)).ToList()));
    }
}
