using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Grains;
using AnalysisHub.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Hosting;

/// <summary>Wires the hub into a web application: reference data, ledger, silo, health.</summary>
public static class HubHostingExtensions
{
    public static WebApplicationBuilder AddHub(this WebApplicationBuilder builder)
    {
        var hub = builder.Configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();
        builder.Services.Configure<HubOptions>(builder.Configuration.GetSection(HubOptions.Section));
        builder.Services.Configure<IngestOptions>(builder.Configuration.GetSection(IngestOptions.Section));
        builder.Services.Configure<RollupOptions>(builder.Configuration.GetSection("Rollup"));

        // Reference data is validated before anything starts: a bad file stops the server with its problems.
        var geography = ReferenceLoader.LoadGeography(hub);
        var catalog = ReferenceLoader.LoadVocabulary(hub);
        builder.Services.AddSingleton(geography);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(TimeProvider.System);

        var dataDirectory = Path.GetFullPath(hub.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var ledgerOptions = new LedgerOptions { DatabasePath = Path.Combine(dataDirectory, "ledger.db") };
        builder.Configuration.GetSection("Ledger").Bind(ledgerOptions);
        builder.Services.AddSingleton(ledgerOptions);
        builder.Services.AddSingleton(new StoredVocabulary(geography, catalog));
        builder.Services.AddSingleton<SqliteRecordLedger>();
        builder.Services.AddSingleton<IChangeLog>(sp => sp.GetRequiredService<SqliteRecordLedger>());
        builder.Services.AddSingleton<IChangeSink, GrainChangeSink>();
        builder.Services.AddSingleton<LedgerWriter>();

        var grainStorage = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "grains.db"),
            DefaultTimeout = 30,
        }.ToString();
        GrainStorageSchema.ApplySqlite(grainStorage);

        builder.UseOrleans(silo =>
        {
            // Grain calls join the HTTP request's trace.
            silo.AddActivityPropagation();
            silo.UseLocalhostClustering(hub.SiloPort, hub.GatewayPort, serviceId: hub.ServiceId, clusterId: hub.ClusterId);
            // The same ADO.NET provider serves SQLite here and PostgreSQL in a cluster: one persistence path.
            silo.AddAdoNetGrainStorage(StorageNames.Checkpoints, options =>
            {
                options.Invariant = "System.Data.SQLite";
                options.ConnectionString = grainStorage;
            });
        });
        builder.Services.AddHostedService<RollupWarmup>();
        builder.Services.AddHealthChecks()
            .AddCheck<ReadinessCheck>("ledger-and-grains", tags: ["ready"]);
        return builder;
    }
}
