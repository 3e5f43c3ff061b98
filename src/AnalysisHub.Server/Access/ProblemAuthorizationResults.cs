using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace AnalysisHub.Server.Access;

/// <summary>Answers a refused request with problem details (401 with <c>WWW-Authenticate</c>, or 403 naming the scope needed).</summary>
public sealed class ProblemAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged) return AccessProblems.WriteUnauthorizedAsync(context, null);
        if (authorizeResult.Forbidden)
        {
            var needed = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<IExplainedRequirement>()
                .Select(r => r.Scope(context)).FirstOrDefault();
            return AccessProblems.WriteForbiddenAsync(context, needed is null
                ? "The key may not use this route."
                : $"The key lacks the scope '{needed}' (or admin) that this route needs.");
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
