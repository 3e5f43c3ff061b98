using AnalysisHub.Domain.Access;
using AnalysisHub.Server.Hardening;
using AnalysisHub.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Access;

/// <summary>Wires access control: keys and tokens, the three policies, rate limits, allowed hosts, the audit trail.</summary>
public static class AccessHostingExtensions
{
    private const string Selector = "Hub";

    public static WebApplicationBuilder AddAccessControl(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.BootstrapAdminKey is { } chosen && KeySecret.BootstrapProblem(chosen) is { } problem)
            throw new InvalidOperationException(problem);
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section));
        builder.Services.AddSingleton(new AllowedHosts(auth));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<KeyRing>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KeyRing>());
        builder.Services.AddSingleton<KeyBootstrap>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditTrail>());

        // Without bearer tokens every request goes straight to the API key scheme; with them, a selector sends each
        // request to the scheme that can check its credential (a forwarding scheme costs a second handler a request).
        var authentication = builder.Services.AddAuthentication(auth.Jwt.Enabled ? Selector : ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        if (auth.Jwt.Enabled)
            authentication.AddPolicyScheme(Selector, "API key or bearer token", policy => policy.ForwardDefaultSelector = context =>
                    JwtAuthentication.Carries(context) ? JwtBearerDefaults.AuthenticationScheme : ApiKeyAuthentication.SchemeName)
                .AddJwtBearer(bearer => JwtAuthentication.Configure(bearer, auth.Jwt));
        builder.Services.AddAuthorization(AccessPolicies.Add);
        builder.Services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResults>();
        builder.Services.AddRequestRates(auth.RateLimits);

        var origins = AuthOptions.List(auth.CorsOrigins);
        // Closed unless configured: without a policy no cross-origin page may read an answer.
        if (origins.Count > 0)
            builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.WithOrigins([.. origins])
                .WithHeaders(ApiKeyAuthentication.Header, "Authorization", "Content-Type").WithMethods("GET", "POST", "PUT", "DELETE")));
        return builder;
    }

    /// <summary>The request pipeline after routing (which must come first): who is calling, on record, within its rate, allowed.</summary>
    public static WebApplication UseAccessControl(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        app.UseOriginGate();
        if (AuthOptions.List(auth.CorsOrigins).Count > 0) app.UseCors();
        app.UseHubAuthentication(auth.Jwt.Enabled);
        app.UseAudit();
        app.UseCredentialGate();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The first admin key (see <see cref="KeyBootstrap"/>), then every key loaded before the first request.</summary>
    public static async Task PrepareKeysAsync(this WebApplication app)
    {
        var hub = app.Services.GetRequiredService<IOptions<HubOptions>>().Value;
        await app.Services.GetRequiredService<KeyBootstrap>().RunAsync(hub.DataDirectory);
        await app.Services.GetRequiredService<KeyRing>().ReloadAsync();
    }
}
