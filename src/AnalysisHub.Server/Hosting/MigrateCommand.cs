using AnalysisHub.Storage.Postgres;

namespace AnalysisHub.Server.Hosting;

/// <summary>
/// <c>AnalysisHub.Server migrate [--storage postgres --connection-string "…"]</c>: creates or updates the database
/// schema and exits, for operators who run nodes with <c>Hub:ApplySchema=false</c> (no DDL at run time).
/// Reads the same settings as the server (appsettings.json, environment <c>Hub__…</c>, switches).
/// </summary>
internal static class MigrateCommand
{
    public const string Name = "migrate";

    public static int Run(IConfiguration configuration, TextWriter output, TextWriter error)
    {
        try
        {
            var hub = HubConfiguration.Bind(configuration);
            if (hub.Storage != StorageKind.Postgres)
            {
                output.WriteLine("Embedded SQLite storage creates its files at start: nothing to migrate. Use --storage postgres --connection-string \"…\".");
                return 0;
            }
            PostgresSchemaAtStart.Apply(hub.ConnectionString!);
            var missing = PostgresSchema.MissingTables(hub.ConnectionString!);
            if (missing.Count > 0) throw new InvalidOperationException($"after applying the scripts, {string.Join(", ", missing)} still missing");
            output.WriteLine($"Schema up to date: applied {string.Join(", ", PostgresSchema.Scripts)}.");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException)
        {
            error.WriteLine($"AnalysisHub migrate failed: {e.Message}");
            return 1;
        }
    }
}
