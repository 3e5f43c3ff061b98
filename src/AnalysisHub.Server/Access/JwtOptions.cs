namespace AnalysisHub.Server.Access;

/// <summary>
/// OpenID Connect bearer tokens (section <c>Hub:Auth:Jwt</c>), off unless <see cref="Issuer"/> is set. Tokens are
/// checked locally against <see cref="SigningKeys"/> or a JWKS file (no network call at request time).
/// </summary>
public sealed class JwtOptions
{
    public const string Section = "Hub:Auth:Jwt";

    /// <summary>The <c>iss</c> a token must carry; setting it turns bearer tokens on.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> a token must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Keys tokens may be signed with, separated by <c>;</c>: base64 for HMAC secrets, or PEM public keys (RSA or
    /// EC), each with its <c>-----BEGIN …-----</c> line.
    /// </summary>
    public string? SigningKeys { get; set; }

    /// <summary>A JSON Web Key Set file (the identity provider's <c>jwks_uri</c> document, saved).</summary>
    public string? JwksFile { get; set; }

    /// <summary>The claim whose values (space-separated or repeated) are mapped to scopes. Default <c>scope</c>.</summary>
    public string ScopeClaim { get; set; } = "scope";

    /// <summary>
    /// Claim value → hub scopes (space-separated), e.g. <c>Hub:Auth:Jwt:ScopeMap:analyst = read:partner</c>. A claim
    /// value that is itself a hub scope counts as that scope.
    /// </summary>
    public Dictionary<string, string> ScopeMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The claim naming the person, recorded in the audit trail. Default <c>sub</c>.</summary>
    public string OwnerClaim { get; set; } = "sub";

    /// <summary>A claim listing footprints that limit where the token may write (as a key's footprints).</summary>
    public string FootprintsClaim { get; set; } = "footprints";

    public bool Enabled => !string.IsNullOrWhiteSpace(Issuer);
}
