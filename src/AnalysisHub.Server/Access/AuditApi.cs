using System.Globalization;
using AnalysisHub.Domain.Access;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Access;

/// <summary><c>GET /api/v1/audit</c>: the audit trail, newest first, paged by cursor (admin only).</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", List).WithTags("Access").WithName("ListAudit")
            .WithSummary("Ingests, partner reads and administrative acts, newest first; `before` takes the previous page's `next`.");
        return app;
    }

    private static async Task<Results<Ok<AuditBody>, ProblemHttpResult>> List(string? since, string? key, string? limit, string? before,
        IAuditLog log, CancellationToken cancellationToken)
    {
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return Problems.BadParameter("since", since, "must be a date or an ISO 8601 date and time");
            from = parsed;
        }
        var size = AuditQuery.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > AuditQuery.MaxLimit))
            return Problems.BadParameter("limit", limit, $"must be a whole number from 1 to {AuditQuery.MaxLimit}");
        long? cursor = null;
        if (before is not null)
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                return Problems.BadParameter("before", before, "must be the `next` of an earlier page");
            cursor = parsed;
        }
        var page = await log.ListAsync(new AuditQuery(from, key, cursor, size), cancellationToken);
        return TypedResults.Ok(new AuditBody(page.Entries.Select(e => AuditEntryBody.From(e.Entry)).ToList(),
            page.Next?.ToString(CultureInfo.InvariantCulture)));
    }
}

public sealed record AuditBody(IReadOnlyList<AuditEntryBody> Entries, string? Next);

public sealed record AuditEntryBody(DateTimeOffset At, string? KeyId, string? Owner, string Action, string Method, string Path,
    string? Feed, int? Rows, Domain.Records.IngestCounts? Counts, string? BodySha256, int Status)
{
    public static AuditEntryBody From(AuditEntry e) => new(e.At, e.KeyId, e.Owner, e.Action, e.Method, e.Path, e.Feed, e.Rows, e.Counts, e.BodySha256, e.Status);
}
