using AnalysisHub.Domain.Access;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;

namespace AnalysisHub.Server.Access;

/// <summary>The body of <c>POST /api/v1/admin/keys</c>.</summary>
public sealed record KeyRequest(string? Owner, IReadOnlyList<string>? Scopes, IReadOnlyList<string>? Footprints, DateTimeOffset? ExpiresAt)
{
    public const int MaxOwnerLength = 200;

    /// <summary>Each field that is wrong, by name (empty when the request can be granted).</summary>
    public Dictionary<string, string[]> Problems(FeedCatalog catalog, GeographyRegistry geography, DateTimeOffset now)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Owner) || Owner.Length > MaxOwnerLength || Owner.Any(char.IsControl))
            problems["owner"] = [$"is required: who holds the key, 1–{MaxOwnerLength} characters without control characters"];
        if (Scopes is not { Count: > 0 })
            problems["scopes"] = ["at least one of admin, read:partner, manage:indicators, define:footprints, ingest:<feed>"];
        else if (Scopes.Select(s => Domain.Access.Scopes.Problem(s ?? "", catalog)).OfType<string>().ToArray() is { Length: > 0 } bad)
            problems["scopes"] = bad;
        if (Footprints is not null)
        {
            var unknown = Footprints.Where(f => f is null || geography.Find(f) is null).Select(f => $"'{f}' is not a footprint").ToArray();
            if (unknown.Length > 0) problems["footprints"] = unknown;
            else if (Footprints.Count == 0) problems["footprints"] = ["omit it for a key that writes anywhere, or name at least one footprint"];
        }
        if (ExpiresAt is { } expires && expires <= now) problems["expiresAt"] = ["must lie in the future"];
        return problems;
    }
}

/// <summary>A key as listed (never its secret), and as created (with its secret, shown once).</summary>
public sealed record KeyBody(string Id, string Owner, IReadOnlyList<string> Scopes, IReadOnlyList<string>? Footprints,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static KeyBody From(AccessKey key) => new(key.Id, key.Owner, key.Scopes, key.Footprints, key.CreatedAt, key.ExpiresAt, key.RevokedAt);
}

public sealed record CreatedKeyBody(string Id, string Key, string Owner, IReadOnlyList<string> Scopes, IReadOnlyList<string>? Footprints,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

public sealed record KeyList(IReadOnlyList<KeyBody> Keys);
