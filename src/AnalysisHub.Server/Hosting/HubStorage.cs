using AnalysisHub.Domain.Access;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Completeness;
using AnalysisHub.Domain.Indicators;
using AnalysisHub.Storage;
using AnalysisHub.Storage.Access;
using AnalysisHub.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AnalysisHub.Server.Hosting;

/// <summary>How Orleans reaches the grain-state tables: the ADO.NET invariant and connection string.</summary>
internal sealed record GrainStateStore(string Invariant, string ConnectionString);

/// <summary>
/// Registers the ledger, the alert, key, audit, indicator and delivery stores and the grain-state store of the configured kind, creating their
/// schema first: SQLite files in the data folder, or the cluster's PostgreSQL database.
/// </summary>
internal static class HubStorage
{
    public static GrainStateStore AddHubStorage(this IServiceCollection services, HubOptions hub, IConfiguration configuration)
    {
        var dataDirectory = Path.GetFullPath(hub.DataDirectory);
        var ledgerOptions = new LedgerOptions { DatabasePath = Path.Combine(dataDirectory, "ledger.db") };
        configuration.GetSection("Ledger").Bind(ledgerOptions);
        services.AddSingleton(ledgerOptions);
        services.AddSingleton<IChangeLog>(sp => sp.GetRequiredService<IRecordLedger>());
        return hub.Storage == StorageKind.Postgres ? AddPostgres(services, hub) : AddSqlite(services, dataDirectory, ledgerOptions.DatabasePath);
    }

    private static GrainStateStore AddSqlite(IServiceCollection services, string dataDirectory, string ledgerPath)
    {
        Directory.CreateDirectory(dataDirectory);
        services.AddSingleton<IRecordLedger, SqliteRecordLedger>();
        services.AddSingleton<IAlertStore>(new SqliteAlertStore(Path.Combine(dataDirectory, "alerts.db")));
        services.AddSingleton<IIndicatorStore>(new SqliteIndicatorStore(Path.Combine(dataDirectory, "indicators.db")));
        services.AddSingleton<IFootprintDefinitionStore>(new SqliteFootprintDefinitionStore(Path.Combine(dataDirectory, "footprints.db")));
        services.AddSingleton<IDeliveryStore>(new SqliteDeliveryStore(Path.Combine(dataDirectory, "deliveries.db")));
        // Keys live in the ledger's file (a backup of the ledger carries them); the audit in a file of its own, so
        // its appends never wait for a large ledger commit.
        services.AddSingleton<IAccessKeyStore>(new SqliteAccessKeyStore(ledgerPath));
        services.AddSingleton<IAuditLog>(new SqliteAuditLog(Path.Combine(dataDirectory, "audit.db")));
        var grainState = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "grains.db"), DefaultTimeout = 30 }.ToString();
        GrainStorageSchema.ApplySqlite(grainState);
        // Orleans maps this invariant to Microsoft.Data.Sqlite internally.
        return new GrainStateStore("System.Data.SQLite", grainState);
    }

    private static GrainStateStore AddPostgres(IServiceCollection services, HubOptions hub)
    {
        var connectionString = WithConnectTimeout(hub.ConnectionString!);
        if (hub.ApplySchema) PostgresSchemaAtStart.Apply(connectionString);
        else if (PostgresSchemaAtStart.Missing(connectionString) is { Count: > 0 } missing)
            throw new InvalidOperationException(
                $"the database lacks {string.Join(", ", missing)} and Hub:ApplySchema is false: run `AnalysisHub.Server migrate --storage postgres --connection-string \"…\"` first");
        services.AddSingleton(new PostgresLedgerOptions { ConnectionString = connectionString });
        services.AddSingleton<IRecordLedger, PostgresRecordLedger>();
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<IAlertStore, PostgresAlertStore>();
        services.AddSingleton<IIndicatorStore, PostgresIndicatorStore>();
        services.AddSingleton<IFootprintDefinitionStore, PostgresFootprintDefinitionStore>();
        services.AddSingleton<IDeliveryStore, PostgresDeliveryStore>();
        services.AddSingleton<IAccessKeyStore, PostgresAccessKeyStore>();
        services.AddSingleton<IAuditLog, PostgresAuditLog>();
        return new GrainStateStore("Npgsql", connectionString);
    }

    /// <summary>Seconds a node waits to open a connection when the connection string does not say.</summary>
    private const int ConnectTimeoutSeconds = 5;

    // Npgsql waits 15 s by default to connect. While PostgreSQL is stopping or starting, a connection attempt can
    // sit that long, and an ingest request with it: it should get its 503 and Retry-After promptly instead.
    private static string WithConnectTimeout(string connectionString)
    {
        if (new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey("Timeout"))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { Timeout = ConnectTimeoutSeconds }.ToString();
    }
}
