using System.Security.Cryptography;
using AnalysisHub.Domain.Access;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Ingest;
using AnalysisHub.Domain.Records;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Access;
using AnalysisHub.Server.Hosting;
using AnalysisHub.Server.Shared;
using AnalysisHub.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Ingest;

/// <summary>
/// <c>POST /api/v1/feeds/{feed}/records</c>: validates the whole batch, makes it durable in the ledger, and
/// answers with the counts. Any invalid row rejects the batch whole; a 2xx means the rows are on disk.
/// </summary>
public static class IngestApi
{
    public const string NdjsonMediaType = "application/x-ndjson";
    public const string CsvMediaType = "text/csv";

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/feeds/{feed}/records", Ingest).WithMetadata(IngestEndpoint.Instance)
            .WithTags("Ingest").WithName("IngestRecords")
            .WithSummary("Ingest a batch of records (application/x-ndjson or text/csv).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<IngestCounts>, ProblemHttpResult>> Ingest(string feed, HttpContext context, GeographyRegistry geography, FeedCatalog catalog,
        GroupCommitPipeline writer, IRecordLedger ledger, TimeProvider clock, IOptions<IngestOptions> options, IngestMetrics metrics,
        ILoggerFactory loggers)
    {
        var audit = IngestAudit.For(context);
        var started = clock.GetTimestamp();
        var limits = options.Value;
        if (catalog.FindFeed(feed) is not { } target) return Problems.FeedNotFound(feed, catalog.Feeds.Select(f => f.Id));

        var mediaType = RequestBody.MediaType(context.Request.ContentType);
        if (mediaType is not (NdjsonMediaType or CsvMediaType))
            return Problems.UnsupportedMediaType(context.Request.ContentType, $"{NdjsonMediaType} or {CsvMediaType}");

        var body = await RequestBody.ReadAsync(context, limits.MaxBatchBytes);
        if (body is null) return TooLarge($"The body exceeds {limits.MaxBatchBytes:N0} bytes.");
        audit.BodySha256 = Convert.ToHexStringLower(SHA256.HashData(body.Span));

        var validator = new RecordValidator(geography, catalog, target, clock, limits.Bounds);
        var batch = mediaType == NdjsonMediaType
            ? NdjsonBatchReader.Read(body.Span, validator, limits.MaxBatchRows)
            : CsvBatchReader.Read(new MemoryStream(body.Array, 0, body.Length, writable: false), validator, limits.MaxBatchRows);
        body.Dispose();
        audit.Rows = batch.Rows;
        if (batch.TooManyRows)
        {
            metrics.Rejected(feed, "too-many-rows");
            return TooLarge($"The batch has more than {limits.MaxBatchRows:N0} rows.");
        }
        if (!batch.IsValid)
        {
            metrics.Rejected(feed, "invalid-rows");
            return InvalidRows(batch.Errors, StatusCodes.Status400BadRequest, "Invalid records", "invalid-records", limits.MaxErrorsListed);
        }
        var grant = AreaGrant.For(HubClaims.FootprintsOf(context.User), geography);
        if (await AreaCheck.ProblemsAsync(batch.Records, grant, target.Id, geography, ledger, context.RequestAborted) is { Count: > 0 } outside)
        {
            metrics.Rejected(feed, "outside-footprints");
            return InvalidRows(outside, StatusCodes.Status403Forbidden, "Records outside the key's footprints", "outside-footprints", limits.MaxErrorsListed);
        }

        try
        {
            var counts = await writer.SubmitAsync(new IncomingBatch(batch.Records, HubClaims.KeyIdOf(context.User)), context.RequestAborted);
            metrics.Applied(feed, counts, clock.GetElapsedTime(started).TotalMilliseconds);
            audit.Counts = counts;
            return TypedResults.Ok(counts);
        }
        catch (LedgerUnavailableException e)
        {
            loggers.CreateLogger(typeof(IngestApi)).LogWarning(e, "Batch of {Rows} rows for {Feed} not committed", batch.Rows, feed);
            return Problems.Unavailable("The record ledger could not make the batch durable; nothing was applied. Retry later.", 5, context);
        }
    }

    private static ProblemHttpResult InvalidRows(IReadOnlyList<RowError> errors, int status, string title, string type, int maxListed)
    {
        var rows = errors.Select(e => e.Row).Distinct().Count();
        return TypedResults.Problem(
            title: title,
            detail: $"{errors.Count} problem(s) in {rows} row(s); nothing of the batch was applied.",
            statusCode: status,
            type: "https://analysishub.example/problems/" + type,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Take(maxListed).Select(e => new { row = e.Row, field = e.Field, message = e.Message }),
                ["errorCount"] = errors.Count,
                ["errorsOmitted"] = Math.Max(0, errors.Count - maxListed),
            });
    }

    private static ProblemHttpResult TooLarge(string detail) => TypedResults.Problem(
        title: "Batch too large",
        detail: detail + " Split it into several requests.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        type: "https://analysishub.example/problems/batch-too-large");
}
