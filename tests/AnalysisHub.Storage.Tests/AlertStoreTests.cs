using AnalysisHub.Domain.Surveillance;
using AnalysisHub.Storage.Postgres;
using Npgsql;

namespace AnalysisHub.Storage.Tests;

/// <summary>The alert-store contract, run on both stores.</summary>
public abstract class AlertStoreTests
{
    protected abstract IAlertStore Store { get; }

    private static Alert Sample(string footprint, string week, DateTimeOffset raised) =>
        new(footprint, "crime", "violence-against-the-person", week, new DateOnly(2025, 6, 30), new DateOnly(2025, 7, 6),
            "ears-c2", 42, 20.5, 31.25, raised);

    [Fact]
    public void An_alert_is_stored_once_and_read_back_whole()
    {
        var raised = new DateTimeOffset(2025, 7, 3, 10, 15, 0, TimeSpan.Zero);
        Assert.Equal(0, Store.LastNumber());
        Assert.True(Store.TryAdd(Sample("la:cardiff", "2025-W27", raised)));
        Assert.False(Store.TryAdd(Sample("la:cardiff", "2025-W27", raised.AddHours(1))));

        var stored = Assert.Single(Store.List(null, null));
        Assert.Equal(Sample("la:cardiff", "2025-W27", raised), stored);
    }

    [Fact]
    public void Alerts_are_numbered_in_the_order_raised_and_filtered_by_footprint_and_time()
    {
        var t0 = new DateTimeOffset(2025, 7, 3, 10, 0, 0, TimeSpan.Zero);
        Store.TryAdd(Sample("la:cardiff", "2025-W27", t0));
        var mark = Store.LastNumber();
        Store.TryAdd(Sample("la:newport", "2025-W27", t0.AddMinutes(1)));
        Store.TryAdd(Sample("la:cardiff", "2025-W28", t0.AddMinutes(2)));

        Assert.Equal(["la:newport", "la:cardiff"], Store.After(mark).Select(a => a.Alert.Footprint));
        Assert.Equal(Store.LastNumber(), Store.After(mark)[^1].Number);
        Assert.Equal(["2025-W28", "2025-W27"], Store.List("la:cardiff", null).Select(a => a.Period));
        Assert.Equal(["la:cardiff", "la:newport"], Store.List(null, t0.AddMinutes(1)).Select(a => a.Footprint));
    }
}

public sealed class SqliteAlertStoreTests : AlertStoreTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hub-alerts-" + Guid.NewGuid().ToString("N"));

    public SqliteAlertStoreTests() => Store = new SqliteAlertStore(Path.Combine(_directory, "alerts.db"));

    protected override IAlertStore Store { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAlertStoreTests : AlertStoreTests, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresAlertStoreTests(PostgresServer server)
    {
        var connectionString = server.CreateDatabase();
        PostgresSchema.Apply(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        Store = new PostgresAlertStore(_dataSource);
    }

    protected override IAlertStore Store { get; }

    public void Dispose() => _dataSource.Dispose();
}
