using AnalysisHub.Domain.Access;

namespace AnalysisHub.Server.Access;

/// <summary>
/// Puts on record every ingest (refused ones too, anonymous ones included), every request made with a key or token
/// (a partner read, or an administrative act under <c>/api/v1/admin</c> and <c>/api/v1/audit</c>), and every attempt
/// with a revoked or expired key, with its status.
/// Anonymous reads of the public routes are not recorded: they are public. A key sent in <c>access_token</c> never
/// reaches the stored path.
/// </summary>
public static class AuditMiddleware
{
    public static IApplicationBuilder UseAudit(this IApplicationBuilder app)
    {
        var trail = app.ApplicationServices.GetRequiredService<AuditTrail>();
        return app.Use(async (context, next) =>
        {
            var recorded = false;
            void Record()
            {
                if (recorded) return;
                recorded = true;
                if (Entry(context) is { } entry) trail.Record(entry);
            }
            // A live stream may stay open for hours: it is on record when it opens (its status is then known), not when it ends.
            if (LiveStream.Is(context)) context.Response.OnStarting(() => { Record(); return Task.CompletedTask; });
            try
            {
                await next(context);
            }
            finally
            {
                Record();
            }
        });
    }

    private static AuditEntry? Entry(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (!path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/hubs/", StringComparison.Ordinal)) return null;
        // A revoked or expired key's attempts are on record under its id.
        var keyId = HubClaims.KeyIdOf(context.User) ?? CredentialGate.RefusedKeyId(context);
        var feed = IsIngest(context) ? context.GetRouteValue("feed") as string : null;
        if (keyId is null && feed is null) return null;
        var action = feed is not null ? AuditEntry.Ingest
            : path.StartsWith("/api/v1/admin", StringComparison.Ordinal) || path.StartsWith("/api/v1/audit", StringComparison.Ordinal) ? AuditEntry.Administer
            : AuditEntry.Read;
        var ingest = context.Features.Get<IngestAudit>();
        return new AuditEntry(DateTimeOffset.UtcNow, keyId, HubClaims.OwnerOf(context.User), action, request.Method,
            path + StoredQuery(request), context.Response.StatusCode, feed, ingest?.Rows, ingest?.Counts, ingest?.BodySha256);
    }

    // A supplier's writes of its feed: a batch of records (POST), or a declaration of a month's delivery (PUT).
    private static bool IsIngest(HttpContext context) =>
        (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method))
        && context.GetEndpoint()?.Metadata.GetMetadata<IngestEndpoint>() is not null;

    /// <summary>
    /// The query string as sent, less any <c>access_token</c> (a secret). Most requests carry none: their query
    /// string is stored as it came, without parsing and encoding it again. One with a percent escape is rebuilt from
    /// its parameters, as <c>acc%65ss_token</c> is <c>access_token</c> once decoded.
    /// </summary>
    public static string StoredQuery(HttpRequest request)
    {
        var raw = request.QueryString.Value;
        if (string.IsNullOrEmpty(raw) || raw == "?") return "";
        return raw.Contains('%') || raw.Contains(LiveStream.AccessTokenParameter, StringComparison.OrdinalIgnoreCase)
            ? StoredQuery(request.Query)
            : raw;
    }

    /// <summary>The query string rebuilt from its parameters, less any <c>access_token</c>.</summary>
    public static string StoredQuery(IQueryCollection query)
    {
        if (query.Count == 0) return "";
        var kept = query.Where(q => !string.Equals(q.Key, LiveStream.AccessTokenParameter, StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        return Microsoft.AspNetCore.Http.QueryString.Create(kept).ToUriComponent();
    }
}

/// <summary>Marks the ingest endpoints (records, delivery declarations), whose requests are audited as ingests whoever sends them.</summary>
public sealed class IngestEndpoint
{
    public static readonly IngestEndpoint Instance = new();
}
