using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace AnalysisHub.Server.Access;

/// <summary>
/// Authentication as the pipeline runs it. A request whose credential is an <c>X-Api-Key</c> header (and no bearer
/// token for the token scheme) is checked here against the <see cref="KeyRing"/> by the same
/// <see cref="ApiKeyAuthentication.Check"/> the key scheme runs, with the same outcome — the principal on success, the
/// refusal for <see cref="CredentialGate"/> otherwise — but without resolving a scheme and making a handler for it
/// on every request. A request that carries no credential at all (no key header, no <c>Authorization</c> header,
/// and not a live stream, which may carry one in its query) is anonymous without asking any scheme: every scheme
/// would answer "no result" for it, and the public dashboard's reads are most of the hub's traffic. Every other
/// request (a bearer token, a live stream) goes through ASP.NET Core authentication.
/// </summary>
public static class ApiKeyFastPath
{
    // The key UseAuthentication sets; WebApplication adds its own authentication at the start of the pipeline
    // unless it is set, and that one would authenticate every request a first time, before its endpoint is known.
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";

    public static IApplicationBuilder UseHubAuthentication(this IApplicationBuilder app, bool bearerTokens)
    {
        var keys = app.ApplicationServices.GetRequiredService<KeyRing>();
        var schemes = app.ApplicationServices.GetRequiredService<IAuthenticationSchemeProvider>();
        app.Properties[AuthenticationMiddlewareSet] = true;
        return app.Use(next =>
        {
            var framework = new AuthenticationMiddleware(next, schemes);
            return context =>
            {
                var headers = context.Request.Headers;
                if (!headers.TryGetValue(ApiKeyAuthentication.Header, out var header))
                    return headers.Authorization.Count > 0 || LiveStream.Is(context)
                        ? framework.Invoke(context)
                        : next(context);
                if (bearerTokens && JwtAuthentication.Carries(context)) return framework.Invoke(context);
                var result = ApiKeyAuthentication.Check(context, keys, header.ToString());
                // As AuthenticationMiddleware does: the principal and the result are the request's once it succeeded.
                if (result.Succeeded)
                {
                    context.User = result.Principal!;
                    var features = new Features(result);
                    context.Features.Set<IHttpAuthenticationFeature>(features);
                    context.Features.Set<IAuthenticateResultFeature>(features);
                }
                return next(context);
            };
        });
    }

    private sealed class Features(AuthenticateResult result) : IAuthenticateResultFeature, IHttpAuthenticationFeature
    {
        public AuthenticateResult? AuthenticateResult { get; set; } = result;

        public ClaimsPrincipal? User
        {
            get => AuthenticateResult?.Principal;
            set => AuthenticateResult = value is null ? null : AuthenticateResult.Success(new AuthenticationTicket(value, ApiKeyAuthentication.SchemeName));
        }
    }
}
