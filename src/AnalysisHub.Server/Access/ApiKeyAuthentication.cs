using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Access;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header (or, on live streams only, <c>?access_token=</c> or a bearer header that
/// is not a JWT, as SignalR's browser client sends) against the
/// <see cref="KeyRing"/>. No key: no result (the caller is anonymous). An unknown, expired or revoked key: a failure,
/// which <see cref="CredentialGate"/> turns into 401 on every route.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(Secret(Context) is { } secret ? Check(Context, keys, secret) : AuthenticateResult.NoResult());

    /// <summary>The request's key checked against the ring: its principal, or a failure marked for <see cref="CredentialGate"/>.</summary>
    public static AuthenticateResult Check(HttpContext context, KeyRing keys, string secret)
    {
        if (keys.FindKnown(secret) is not { Key: var key, Principal: var principal }) return Refuse(context, "the API key is not known");
        if (key.RevokedAt is not null) return Refuse(context, "the API key was revoked", key.Id);
        if (!keys.IsUsable(key)) return Refuse(context, "the API key has expired", key.Id);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static AuthenticateResult Refuse(HttpContext context, string reason, string? keyId = null)
    {
        CredentialGate.Refuse(context, reason, keyId);
        return AuthenticateResult.Fail(reason);
    }

    /// <summary>The key the request carries, when it carries one.</summary>
    public static string? Secret(HttpContext context)
    {
        if (context.Request.Headers.TryGetValue(Header, out var header)) return header.ToString();
        if (!LiveStream.Is(context)) return null;
        if (context.Request.Query.TryGetValue(LiveStream.AccessTokenParameter, out var token)) return token.ToString();
        // SignalR's browser client sends accessTokenFactory's value as a bearer header on negotiate.
        return JwtAuthentication.BearerValue(context) is { } bearer && !JwtAuthentication.LooksLikeJwt(bearer) ? bearer : null;
    }
}
