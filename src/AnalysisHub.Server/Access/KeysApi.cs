using AnalysisHub.Domain.Access;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Access;

/// <summary><c>/api/v1/admin/keys</c>: issue, list and revoke API keys (admin only).</summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/keys").WithTags("Access");
        api.MapPost("", Create).WithName("CreateKey")
            .WithSummary("Issues a key; its secret is in this answer only (the hub keeps its SHA-256).")
            .ProducesValidationProblem();
        api.MapGet("", (KeyRing keys) => TypedResults.Ok(new KeyList(keys.Keys.Select(KeyBody.From).ToList())))
            .WithName("ListKeys").WithSummary("Every key, without secrets, revoked ones included.");
        api.MapDelete("/{id}", Revoke).WithName("RevokeKey")
            .WithSummary("Revokes a key: refused on every node within a second.");
        return app;
    }

    private static async Task<Results<Created<CreatedKeyBody>, ValidationProblem>> Create(KeyRequest request, IAccessKeyStore store, KeyRing keys,
        FeedCatalog catalog, GeographyRegistry geography, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var problems = request.Problems(catalog, geography, now);
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, type: "https://analysishub.example/problems/invalid-key-request");
        var footprints = request.Footprints?.Select(f => geography.Find(f)!.Id).Distinct().ToList();
        var key = new AccessKey(KeySecret.NewId(), request.Owner!.Trim(), request.Scopes!.Distinct().ToList(), footprints, now, request.ExpiresAt);
        var secret = KeySecret.New();
        await store.AddAsync(key, KeySecret.Hash(secret), cancellationToken);
        await keys.ReloadAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/admin/keys/{key.Id}",
            new CreatedKeyBody(key.Id, secret, key.Owner, key.Scopes, key.Footprints, key.CreatedAt, key.ExpiresAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string id, IAccessKeyStore store, KeyRing keys, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!await store.RevokeAsync(id, clock.GetUtcNow(), cancellationToken))
            return Problems.KeyNotFound($"No standing key has id '{id}'.");
        await keys.ReloadAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
