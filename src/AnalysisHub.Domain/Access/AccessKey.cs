namespace AnalysisHub.Domain.Access;

/// <summary>
/// An API key as the hub keeps it: never the secret, only who holds it and what it may do. A key with
/// <see cref="Footprints"/> writes only records whose authority lies inside one of them.
/// </summary>
public sealed record AccessKey(
    string Id,
    string Owner,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string>? Footprints,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt = null)
{
    /// <summary>The id of the key set by <c>Hub:Auth:BootstrapAdminKey</c>; setting another value replaces it.</summary>
    public const string BootstrapId = "bootstrap";

    /// <summary>The id of the admin key a hub generates at its first start when it has no keys.</summary>
    public const string GeneratedAdminId = "admin";

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);
}
