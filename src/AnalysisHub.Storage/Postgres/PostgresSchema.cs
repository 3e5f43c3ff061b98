using Npgsql;

namespace AnalysisHub.Storage.Postgres;

/// <summary>
/// Everything a cluster needs in its PostgreSQL database: the hub's ledger, alerts, keys, indicators, defined footprints and delivery declarations, and the Orleans ADO.NET
/// tables and queries for grain storage and membership. The scripts live in deploy/postgres/ (operators can read
/// and run them) and are embedded here; every one is idempotent.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The scripts, in the order they are applied.</summary>
    public static IReadOnlyList<string> Scripts { get; } =
        ["ledger.sql", "alerts.sql", "access.sql", "indicators.sql", "footprints.sql", "deliveries.sql", "orleans-main.sql", "orleans-persistence.sql", "orleans-clustering.sql"];

    // The tables that prove each script has been applied (PostgreSQL folds the unquoted Orleans names to lower case).
    private static readonly string[] Tables =
        ["records", "cell_changes", "authority_cursor", "record_versions", "alerts", "api_keys", "audit", "indicator_targets", "published_figures", "defined_footprints", "delivery_declarations", "orleansquery", "orleansstorage", "orleansmembershiptable"];

    // Serialises application when several processes start at once (CREATE … IF NOT EXISTS still races).
    private const long LockKey = 0x4C45_4447_4552; // "LEDGER"

    /// <summary>The text of one embedded script.</summary>
    public static string Read(string script)
    {
        var name = "AnalysisHub.Storage.Postgres." + script;
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the storage assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Applies every script in one transaction, under an advisory lock.</summary>
    public static void Apply(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var tx = connection.BeginTransaction();
        using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, tx))
        {
            command.Parameters.Add(new NpgsqlParameter<long>("key", LockKey));
            command.ExecuteNonQuery();
        }
        foreach (var script in Scripts)
        {
            using var command = new NpgsqlCommand(Read(script), connection, tx);
            command.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>The hub's tables that the database lacks (empty when the schema is complete).</summary>
    public static IReadOnlyList<string> MissingTables(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT t FROM unnest(@tables::text[]) AS t WHERE to_regclass(t) IS NULL ORDER BY t", connection);
        command.Parameters.AddWithValue("tables", Tables);
        using var reader = command.ExecuteReader();
        var missing = new List<string>();
        while (reader.Read()) missing.Add(reader.GetString(0));
        return missing;
    }
}
