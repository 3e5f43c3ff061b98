namespace AnalysisHub.Server.Admin;

/// <summary>Operators' endpoints.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin").WithTags("Admin");
        api.MapGet("/verify", async (RecountAudit audit, CancellationToken cancellationToken) =>
                TypedResults.Ok(await audit.RunAsync(cancellationToken)))
            .WithName("Verify")
            .WithSummary("Recounts every authority from the ledger and compares it with the rollups; lists what differs once in-flight changes have landed.");
        return app;
    }
}
