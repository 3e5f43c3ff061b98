using AnalysisHub.Server.Access;
using Microsoft.AspNetCore.Authorization;

namespace AnalysisHub.Server.Admin;

/// <summary>
/// <c>GET /api/v1/admin/routes</c>: every route this node serves and who may use it, read from the endpoints
/// themselves — what an operator checks against the data-sharing agreement, and what the access tests compare their
/// table with, so a route nobody decided about cannot slip in.
/// </summary>
public static class RouteListing
{
    public static IEndpointRouteBuilder MapRouteListing(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/admin/routes", (EndpointDataSource endpoints) => TypedResults.Ok(new RouteList(List(endpoints))))
            .WithTags("Admin").WithName("ListRoutes").WithSummary("Every route with its methods and audience (anonymous, read:partner, ingest:<feed>, manage:indicators, define:footprints, admin).");
        return app;
    }

    public static IReadOnlyList<RouteBody> List(EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => new RouteBody(
                Path(e.RoutePattern.RawText),
                e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Order().ToList() ?? [],
                Audience(e)))
            .GroupBy(r => (r.Path, string.Join(',', r.Methods)))
            .Select(g => g.First())
            .OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => string.Join(',', r.Methods), StringComparer.Ordinal)
            .ToList();

    // A group's own route ("" under /api/v1/admin/keys) comes out with a trailing slash; clients call it without.
    private static string Path(string? pattern) => "/" + (pattern ?? "").Trim('/');

    private static string Audience(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return "anonymous";
        var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        return policy switch
        {
            AccessPolicies.Admin => Domain.Access.Scopes.Admin,
            AccessPolicies.Ingest => Domain.Access.Scopes.IngestPrefix + "<feed>",
            AccessPolicies.ManageIndicators => Domain.Access.Scopes.ManageIndicators,
            AccessPolicies.DefineFootprints => Domain.Access.Scopes.DefineFootprints,
            _ => Domain.Access.Scopes.ReadPartner,
        };
    }
}

public sealed record RouteBody(string Path, IReadOnlyList<string> Methods, string Audience);

public sealed record RouteList(IReadOnlyList<RouteBody> Routes);
