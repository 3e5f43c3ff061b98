using AnalysisHub.Domain.Access;
using Microsoft.AspNetCore.Authorization;

namespace AnalysisHub.Server.Access;

/// <summary>
/// The audiences beyond the public: partners who read, agencies who write their feeds, those who keep the survey
/// indicators' targets and published figures, those who define footprints, administrators. Every
/// route not marked otherwise needs <see cref="ReadPartner"/> (the fallback policy), so a new route is closed until
/// someone decides who may use it.
/// </summary>
public static class AccessPolicies
{
    public const string ReadPartner = "read-partner";
    public const string Admin = "admin";
    public const string Ingest = "ingest";
    public const string ManageIndicators = "manage-indicators";
    public const string DefineFootprints = "define-footprints";

    public static void Add(AuthorizationOptions options)
    {
        var readPartner = Policy(new ScopeRequirement(Scopes.ReadPartner));
        options.AddPolicy(ReadPartner, readPartner);
        options.AddPolicy(Admin, Policy(new ScopeRequirement(Scopes.Admin)));
        options.AddPolicy(Ingest, Policy(new FeedWriteRequirement()));
        // manage:indicators, or admin (a scope requirement always admits admin).
        options.AddPolicy(ManageIndicators, Policy(new ScopeRequirement(Scopes.ManageIndicators)));
        // define:footprints, or admin.
        options.AddPolicy(DefineFootprints, Policy(new ScopeRequirement(Scopes.DefineFootprints)));
        options.FallbackPolicy = readPartner;
    }

    private static AuthorizationPolicy Policy(IAuthorizationRequirement requirement) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(requirement).Build();
}

/// <summary>A requirement whose failure can be said to the caller.</summary>
public interface IExplainedRequirement : IAuthorizationRequirement
{
    string Scope(HttpContext context);
}

/// <summary>The caller holds the scope, or <c>admin</c>.</summary>
public sealed record ScopeRequirement(string Needed) : IExplainedRequirement
{
    public string Scope(HttpContext context) => Needed;
}

/// <summary>The caller may write the feed the route names: <c>ingest:&lt;feed&gt;</c>, or <c>admin</c>.</summary>
public sealed record FeedWriteRequirement : IExplainedRequirement
{
    public string Scope(HttpContext context) => Scopes.Ingest(context.GetRouteValue("feed") as string ?? "");
}

/// <summary>Decides both requirements from the caller's scope claims.</summary>
public sealed class ScopeRequirementHandler(IHttpContextAccessor http) : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var request = context.Resource as HttpContext ?? http.HttpContext;
        if (request is null) return Task.CompletedTask;
        // Succeed changes the pending set: look first, then succeed (policies carry one such requirement).
        List<IAuthorizationRequirement>? allowed = null;
        foreach (var requirement in context.PendingRequirements)
            if (requirement is IExplainedRequirement explained && HubClaims.Allows(context.User, explained.Scope(request)))
                (allowed ??= []).Add(requirement);
        if (allowed is not null)
            foreach (var requirement in allowed) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
