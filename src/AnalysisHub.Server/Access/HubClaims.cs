using System.Security.Claims;
using AnalysisHub.Domain.Access;

namespace AnalysisHub.Server.Access;

/// <summary>
/// The one form a caller takes once authenticated, whether by API key or bearer token: the key id (for a token,
/// <c>jwt:</c> and its subject), the owner, the scopes and the footprints that limit its writes.
/// </summary>
public static class HubClaims
{
    public const string KeyId = "hub:key";
    public const string Scope = "hub:scope";
    public const string Footprint = "hub:footprint";
    /// <summary>Present when the caller's writes are limited to footprints (possibly to none).</summary>
    public const string FootprintLimited = "hub:footprint-limited";

    public static ClaimsPrincipal Principal(string scheme, string keyId, string owner, IEnumerable<string> scopes, IReadOnlyList<string>? footprints)
    {
        var claims = new List<Claim> { new(KeyId, keyId), new(ClaimTypes.Name, owner) };
        claims.AddRange(scopes.Select(s => new Claim(Scope, s)));
        if (footprints is not null)
        {
            claims.Add(new Claim(FootprintLimited, "true"));
            claims.AddRange(footprints.Select(f => new Claim(Footprint, f)));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, Scope));
    }

    public static string? KeyIdOf(ClaimsPrincipal user) => user.FindFirstValue(KeyId);

    public static string? OwnerOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name);

    public static IReadOnlyList<string> ScopesOf(ClaimsPrincipal user) => user.FindAll(Scope).Select(c => c.Value).ToList();

    /// <summary>The caller holds <paramref name="scope"/> or <c>admin</c> (<see cref="Scopes.Allows"/>), read from its claims without copying them.</summary>
    public static bool Allows(ClaimsPrincipal user, string scope) => user.HasClaim(Scope, Scopes.Admin) || user.HasClaim(Scope, scope);

    public static IReadOnlyList<string>? FootprintsOf(ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == FootprintLimited) ? user.FindAll(Footprint).Select(c => c.Value).ToList() : null;
}
