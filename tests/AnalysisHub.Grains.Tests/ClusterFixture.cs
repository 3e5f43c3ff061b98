using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Grains;
using AnalysisHub.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace AnalysisHub.Grains.Tests;

/// <summary>
/// An in-process Orleans test cluster whose grains read a real SQLite ledger in a temporary folder. Tests
/// commit batches through <see cref="Ledger"/> and hand the changes to the grains as the server does.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    // The silo is built by type inside this process, so it finds the shared ledger through a static.
    internal static SqliteRecordLedger? SharedLedger;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hub-grains-" + Guid.NewGuid().ToString("N"));

    public TestCluster Cluster { get; private set; } = null!;
    public SqliteRecordLedger Ledger { get; private set; } = null!;
    public GeographyRegistry Geography { get; } = GeographyLoader.LoadReference();
    public FeedCatalog Catalog { get; } = FeedCatalog.LoadReference();

    public async Task InitializeAsync()
    {
        Ledger = new SqliteRecordLedger(new LedgerOptions { DatabasePath = Path.Combine(_directory, "ledger.db") },
            new StoredVocabulary(Geography, Catalog));
        SharedLedger = Ledger;
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Commits batches durably and pushes their changes to the authority grains.</summary>
    public async Task<CommitResult> CommitAndPublishAsync(params IReadOnlyList<Domain.Records.IncomingRecord>[] batches)
    {
        var result = Ledger.Commit(batches.Select(b => new IncomingBatch(b, WriterKeyId: null)).ToList());
        await new ClientChangeSink(Cluster.GrainFactory).PublishAsync(result.Changes);
        return result;
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Ledger.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddMemoryGrainStorage(StorageNames.Checkpoints);
            silo.Services.AddSingleton(GeographyLoader.LoadReference());
            silo.Services.AddSingleton<IDefinedFootprints, NoFootprintsDefined>();
            silo.Services.AddSingleton<IChangeLog>(_ => SharedLedger!);
            silo.Services.AddMetrics();
            silo.Services.AddSingleton<RollupMetrics>();
            silo.Services.Configure<RollupOptions>(o =>
            {
                o.FlushInterval = TimeSpan.FromMilliseconds(50);
                o.CheckpointInterval = TimeSpan.FromMilliseconds(500);
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
