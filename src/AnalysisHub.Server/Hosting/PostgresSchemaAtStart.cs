using AnalysisHub.Storage.Postgres;
using Npgsql;

namespace AnalysisHub.Server.Hosting;

/// <summary>
/// The schema step of a PostgreSQL node's start. Nodes often start before the database accepts connections
/// (compose, Kubernetes), so connection failures are retried for a while before the node gives up.
/// </summary>
internal static class PostgresSchemaAtStart
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static void Apply(string connectionString) => WhenReachable(() => PostgresSchema.Apply(connectionString));

    public static IReadOnlyList<string> Missing(string connectionString) => WhenReachable(() => PostgresSchema.MissingTables(connectionString));

    private static void WhenReachable(Action action) => WhenReachable(() => { action(); return 0; });

    private static T WhenReachable<T>(Func<T> action)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return action();
            }
            catch (NpgsqlException e) when (e.IsTransient && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
            catch (NpgsqlException e)
            {
                throw new InvalidOperationException($"PostgreSQL is not reachable with the configured connection string: {e.Message}", e);
            }
        }
    }
}
