using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Indicators;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Ingest;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Indicators;

/// <summary>
/// Setting the survey indicators' targets and loading their published figures (<c>manage:indicators</c> or
/// <c>admin</c>): <c>PUT /api/v1/indicators/{indicator}/targets/{footprint}</c> with a JSON target, and <c>POST
/// …/published</c> with NDJSON or CSV rows. A body with any problem is refused whole with every problem named, and
/// a 200 means what was sent is on disk.
/// </summary>
public static class IndicatorWriteApi
{
    public const string JsonMediaType = "application/json";

    /// <summary>A target is a few hundred bytes; anything near this is not one.</summary>
    public const int MaxTargetBytes = 64 * 1024;

    /// <summary>Far more published figures than any survey's tables hold, and small enough to read whole.</summary>
    public const int MaxPublishedBytes = 8 * 1024 * 1024;

    public const int MaxPublishedRows = 100_000;

    /// <summary>As ingest: the first thousand problems are listed, the rest counted.</summary>
    public const int MaxErrorsListed = 1000;

    public static IEndpointRouteBuilder MapIndicatorWriteApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/indicators/{indicator}").WithTags("Indicators");
        api.MapPut("/targets/{footprint}", PutTarget).WithName("PutIndicatorTarget")
            .WithSummary("Set (or replace) a footprint's target: {baseline: {from, to, percent}, milestones: [{date, percent}]}.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPost("/published", PostPublished).WithName("PostPublishedFigures")
            .WithSummary("Store published figures (application/x-ndjson or text/csv rows {footprint, from, to, percent, unweightedBase, source, note}); a figure of the same footprint, period and source is replaced.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    private static async Task<Results<Ok<IndicatorTarget>, ProblemHttpResult>> PutTarget(string indicator, string footprint, HttpContext context,
        FeedCatalog catalog, GeographyRegistry geography, IIndicatorStore store)
    {
        if (catalog.FindIndicator(indicator) is null) return IndicatorProblems.NotFound(indicator, catalog);
        if (geography.Find(footprint) is not { } place) return Problems.FootprintNotFound(footprint);
        if (RequestBody.MediaType(context.Request.ContentType) != JsonMediaType) return Problems.UnsupportedMediaType(context.Request.ContentType, JsonMediaType);
        using var body = await RequestBody.ReadAsync(context, MaxTargetBytes);
        if (body is null) return Problems.BodyTooLarge(MaxTargetBytes);
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty) return IndicatorProblems.EmptyBody("target");

        var problems = new List<(string Field, string Message)>();
        if (TargetRules.Read(body.Span, indicator, place.Id, problems) is not { } target) return IndicatorProblems.InvalidTarget(problems);
        await store.PutTargetAsync(target, context.RequestAborted);
        return TypedResults.Ok(target);
    }

    private static async Task<Results<Ok<PublishedCounts>, ProblemHttpResult>> PostPublished(string indicator, HttpContext context,
        FeedCatalog catalog, GeographyRegistry geography, IIndicatorStore store)
    {
        if (catalog.FindIndicator(indicator) is null) return IndicatorProblems.NotFound(indicator, catalog);
        var mediaType = RequestBody.MediaType(context.Request.ContentType);
        if (mediaType is not (IngestApi.NdjsonMediaType or IngestApi.CsvMediaType))
            return Problems.UnsupportedMediaType(context.Request.ContentType, $"{IngestApi.NdjsonMediaType} or {IngestApi.CsvMediaType}");
        using var body = await RequestBody.ReadAsync(context, MaxPublishedBytes);
        if (body is null) return Problems.BodyTooLarge(MaxPublishedBytes);

        var (figures, errors) = mediaType == IngestApi.NdjsonMediaType
            ? PublishedFigureReader.ReadNdjson(body.Span, indicator, geography, MaxPublishedRows)
            : PublishedFigureReader.ReadCsv(body.Array, body.Length, indicator, geography, MaxPublishedRows);
        if (errors.Count > 0) return IndicatorProblems.InvalidRows(errors, MaxErrorsListed);
        if (figures.Count == 0) return IndicatorProblems.EmptyBody("published figures");
        // Not cancelled with the request: once the transaction starts, the caller's going away must not decide it.
        var (stored, replaced) = await store.PutPublishedAsync(figures, CancellationToken.None);
        return TypedResults.Ok(new PublishedCounts(stored, replaced));
    }
}
