using AnalysisHub.Domain.Geography;
using AnalysisHub.Server.Access;
using AnalysisHub.Server.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalysisHub.Server.Footprints;

/// <summary>
/// Footprints partnerships define at run time (<c>define:footprints</c> or <c>admin</c>): <c>POST /api/v1/footprints</c>
/// defines one of kind <c>custom</c>, at once usable in every product over all history (its sums are made from its
/// members'); <c>DELETE /api/v1/footprints/{id}</c> removes a defined one. A 201 means the definition is on disk.
/// </summary>
public static class FootprintDefinitionApi
{
    public static IEndpointRouteBuilder MapFootprintDefinitionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/footprints").WithTags("Footprints");
        api.MapPost("", Define).WithName("DefineFootprint")
            .WithSummary("Defines a footprint of kind custom: {id: custom:<slug>, name, nameCy?, members: [authority ids or codes], description?}.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/{id}", Delete).WithName("DeleteFootprint")
            .WithSummary("Deletes a defined footprint (a shipped one cannot be: 409).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<FootprintBody>, ValidationProblem, ProblemHttpResult>> Define(FootprintRequest request,
        HttpContext context, GeographyRegistry geography, IFootprintDefinitionStore store, TimeProvider clock)
    {
        var (definition, problems) = FootprintDefinition.Read(request.Id, request.Name, request.NameCy, request.Members, request.Description,
            geography, clock.GetUtcNow(), HubClaims.KeyIdOf(context.User));
        if (definition is null)
            return TypedResults.ValidationProblem(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray()),
                type: "https://analysishub.example/problems/invalid-footprint");
        if (geography.Find(definition.Id) is not null) return Conflict(definition.Id, "is already a footprint");
        // Not cancelled with the request: a definition half-stored because the caller went away would be worse than one stored.
        if (!await store.TryAddAsync(definition, CancellationToken.None)) return Conflict(definition.Id, "is already defined");
        var footprint = geography.Define(definition) ?? geography.Find(definition.Id)!;
        return TypedResults.Created($"/api/v1/footprints/{footprint.Id}", FootprintBody.From(footprint, geography.PopulationSource));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, GeographyRegistry geography, IFootprintDefinitionStore store,
        IDefinedFootprints defined)
    {
        // Defined through another node a moment ago: this node may not have read it yet.
        if (geography.Find(id) is null && id.StartsWith(FootprintDefinition.IdPrefix, StringComparison.Ordinal)) await defined.RefreshAsync();
        if (geography.Find(id) is not { } footprint) return Problems.FootprintNotFound(id);
        if (!footprint.IsDefined) return Conflict(footprint.Id, "is shipped with the hub's geography and cannot be deleted");
        await store.TryDeleteAsync(footprint.Id, CancellationToken.None);
        geography.Remove(footprint.Id);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Conflict(string id, string why) => TypedResults.Problem(
        title: "Footprint conflict",
        detail: $"'{id}' {why}.",
        statusCode: StatusCodes.Status409Conflict,
        type: "https://analysishub.example/problems/footprint-conflict",
        extensions: new Dictionary<string, object?> { ["id"] = id });
}
