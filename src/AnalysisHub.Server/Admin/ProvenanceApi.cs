using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Access;
using AnalysisHub.Server.Ingest;
using AnalysisHub.Server.Shared;
using AnalysisHub.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Admin;

/// <summary>
/// Record provenance (admin only): <c>GET /api/v1/admin/records/{feed}/{id}</c> shows every version of a record
/// with the key that wrote it, and <c>POST /api/v1/admin/keys/{id}/withdraw-writes</c> takes back everything a key
/// wrote. Both are administrative acts, so the audit trail records them (action <c>admin</c>).
/// </summary>
public static class ProvenanceApi
{
    public static IEndpointRouteBuilder MapProvenanceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin").WithTags("Admin");
        api.MapGet("/records/{feed}/{id}", History).WithName("RecordHistory")
            .WithSummary("A record's current state and every version applied to it, oldest first: when, by which key, what it said and its outcome. An id containing '/' is sent with %2F.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/keys/{id}/withdraw-writes", Withdraw).WithName("WithdrawKeyWrites")
            .WithSummary("Withdraws every write the key made: each record it wrote becomes what its other versions make it (removed when none is left) and the totals follow. The key is not revoked: DELETE /api/v1/admin/keys/{id} does that.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<RecordHistoryBody>, ProblemHttpResult>> History(string feed, string id, FeedCatalog catalog,
        IRecordLedger ledger, CancellationToken cancellationToken)
    {
        if (catalog.FindFeed(feed) is null) return Problems.FeedNotFound(feed, catalog.Feeds.Select(f => f.Id));
        // The server leaves an encoded slash encoded in the path; record ids may contain one.
        var recordId = id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        if (await ledger.HistoryAsync(feed, recordId, cancellationToken) is not { } history)
            return Problems.RecordNotFound(feed, recordId);
        return TypedResults.Ok(RecordHistoryBody.From(feed, recordId, history));
    }

    private static async Task<Results<Ok<WithdrawalBody>, ProblemHttpResult>> Withdraw(string id, KeyRing keys, GroupCommitPipeline writer,
        HttpContext context, ILoggerFactory loggers)
    {
        WithdrawalResult result;
        try
        {
            // Through the group commit, so it never races a commit and the rollups receive its changes in order.
            result = await writer.WithdrawWritesAsync(id, context.RequestAborted);
        }
        catch (LedgerUnavailableException e)
        {
            loggers.CreateLogger(typeof(ProvenanceApi)).LogWarning(e, "Writes of key {Key} not withdrawn", id);
            return Problems.Unavailable("The record ledger could not withdraw the key's writes; nothing was changed. Retry later.", 5, context);
        }
        // A bearer token's writer (jwt:<subject>) is no key of the ring, yet its writes can be withdrawn; an id that
        // is neither a key nor the writer of any version is unknown (and the withdrawal above changed nothing).
        if (!result.HasWritten && keys.Keys.All(k => k.Id != id))
            return Problems.KeyNotFound($"No key has id '{id}', and no version was written by it.");
        return TypedResults.Ok(new WithdrawalBody(id, result.Records, result.Restored, result.Removed));
    }
}
