using System.Security.Cryptography;
using AnalysisHub.Domain.Access;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace AnalysisHub.Server.Access;

/// <summary>
/// OpenID Connect bearer tokens, checked locally (issuer, audience, lifetime, signature against configured keys or a
/// JWKS file), then turned into the same principal an API key gives: the configured claim's values mapped to scopes.
/// </summary>
public static class JwtAuthentication
{
    public static void Configure(JwtBearerOptions bearer, JwtOptions jwt)
    {
        bearer.MapInboundClaims = false;
        bearer.RequireHttpsMetadata = false;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidateAudience = jwt.Audience is not null,
            ValidAudience = jwt.Audience,
            IssuerSigningKeys = SigningKeys(jwt),
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        bearer.Events = new JwtBearerEvents
        {
            // Browsers' WebSocket and EventSource cannot send headers: the live streams take the token in the query.
            OnMessageReceived = context =>
            {
                if (LiveStream.Is(context.HttpContext) && context.Request.Query.TryGetValue(LiveStream.AccessTokenParameter, out var token))
                    context.Token = token.ToString();
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                var user = context.Principal!;
                var owner = user.FindFirst(jwt.OwnerClaim)?.Value ?? user.FindFirst("sub")?.Value ?? "unknown";
                var subject = user.FindFirst("sub")?.Value ?? owner;
                var footprints = user.FindAll(jwt.FootprintsClaim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
                context.Principal = HubClaims.Principal(JwtBearerDefaults.AuthenticationScheme, "jwt:" + subject, owner, MapScopes(user, jwt),
                    footprints.Count > 0 ? footprints : null);
                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                CredentialGate.Refuse(context.HttpContext, "the bearer token is not valid");
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// True when the request's credential is a JSON Web Token: a bearer header, or a live stream's
    /// <c>access_token</c>, shaped as one. SignalR's browser client sends its access token as a bearer header on
    /// negotiate, and that token may be an API key: by shape, each goes to the scheme that can check it.
    /// </summary>
    public static bool Carries(HttpContext context)
    {
        if (BearerValue(context) is { } bearer && LooksLikeJwt(bearer)) return true;
        return LiveStream.Is(context) && context.Request.Query.TryGetValue(LiveStream.AccessTokenParameter, out var token)
            && LooksLikeJwt(token.ToString());
    }

    /// <summary>The value of an <c>Authorization: Bearer …</c> header, when the request has one.</summary>
    public static string? BearerValue(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header[7..].Trim() : null;

    // A compact JWS: three base64url parts, the header a JSON object ("eyJ" is the encoding of '{"').
    public static bool LooksLikeJwt(string token) => token.StartsWith("eyJ", StringComparison.Ordinal) && token.Count(c => c == '.') == 2;

    private static IEnumerable<string> MapScopes(System.Security.Claims.ClaimsPrincipal user, JwtOptions jwt)
    {
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in user.FindAll(jwt.ScopeClaim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (jwt.ScopeMap.TryGetValue(value, out var mapped)) scopes.UnionWith(mapped.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            else if (Scopes.IsNamed(value) || value.StartsWith(Scopes.IngestPrefix, StringComparison.Ordinal)) scopes.Add(value);
        }
        return scopes;
    }

    private static List<SecurityKey> SigningKeys(JwtOptions jwt)
    {
        var keys = new List<SecurityKey>();
        if (jwt.JwksFile is { } file) keys.AddRange(new JsonWebKeySet(File.ReadAllText(file)).GetSigningKeys());
        foreach (var text in AuthOptions.List(jwt.SigningKeys)) keys.Add(Key(text));
        if (keys.Count == 0)
            throw new InvalidOperationException("Hub:Auth:Jwt:Issuer is set but no key checks tokens: set Hub:Auth:Jwt:SigningKeys or Hub:Auth:Jwt:JwksFile");
        return keys;
    }

    private static SecurityKey Key(string text)
    {
        if (!text.Contains("-----BEGIN", StringComparison.Ordinal)) return new SymmetricSecurityKey(Convert.FromBase64String(text));
        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(text);
            return new RsaSecurityKey(rsa);
        }
        catch (CryptographicException)
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(text);
            return new ECDsaSecurityKey(ec);
        }
    }
}
