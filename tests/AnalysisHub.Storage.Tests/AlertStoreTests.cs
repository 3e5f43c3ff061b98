using AnalysisHub.Domain.Surveillance;
using AnalysisHub.Storage.Postgres;
using Npgsql;

namespace AnalysisHub.Storage.Tests;

/// <summary>The alert-store contract, run on both stores.</summary>
public abstract class AlertStoreTests
{
    protected abstract IAlertStore Store { get; }

    /// <summary>Another node's store over the same database.</summary>
    protected abstract IAlertStore OtherNode();

    protected static Alert Sample(string footprint, string week, DateTimeOffset raised) =>
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

    [Fact]
    public void A_withdrawn_alert_is_kept_with_when_and_why_listed_only_on_request_and_withdrawn_once()
    {
        var raised = new DateTimeOffset(2025, 7, 3, 10, 0, 0, TimeSpan.Zero);
        var withdrawn = raised.AddHours(2);
        Store.TryAdd(Sample("la:cardiff", "2025-W27", raised));
        Store.TryAdd(Sample("la:newport", "2025-W27", raised.AddMinutes(1)));
        var mark = Store.LastNumber();

        Assert.True(Store.TryWithdraw(Sample("la:cardiff", "2025-W27", raised), withdrawn, "no longer exceeds: count 3, threshold 7.2 after corrections"));
        Assert.False(Store.TryWithdraw(Sample("la:cardiff", "2025-W27", raised), withdrawn.AddMinutes(1), "again"));
        Assert.False(Store.TryWithdraw(Sample("la:swansea", "2025-W27", raised), withdrawn, "never raised"));

        Assert.Equal(["la:newport"], Store.List(null, null).Select(a => a.Footprint));
        Assert.Equal(["la:newport"], Store.Standing(["2025-W27", "2025-W28"]).Select(a => a.Footprint));
        Assert.Empty(Store.Standing(["2025-W28"]));
        var all = Store.List(null, null, includeWithdrawn: true);
        Assert.Equal(["la:newport", "la:cardiff"], all.Select(a => a.Footprint));
        Assert.Equal(Sample("la:cardiff", "2025-W27", raised) with { WithdrawnAt = withdrawn, Reason = "no longer exceeds: count 3, threshold 7.2 after corrections" },
            all[1]);

        // The withdrawal is a change of its own, after every earlier one, for the nodes' relays.
        var (number, changed) = Assert.Single(Store.After(mark));
        Assert.Equal(withdrawn, changed.WithdrawnAt);
        Assert.Equal(Store.LastNumber(), number);
        Assert.True(number > mark);
    }

    [Fact]
    public async Task Nodes_withdrawing_the_same_alert_at_once_record_one_withdrawal()
    {
        var raised = new DateTimeOffset(2025, 7, 3, 10, 0, 0, TimeSpan.Zero);
        var alert = Sample("la:cardiff", "2025-W27", raised);
        Store.TryAdd(alert);
        var mark = Store.LastNumber();
        IAlertStore[] nodes = [Store, OtherNode(), OtherNode(), OtherNode()];

        var outcomes = await Task.WhenAll(nodes.Select((node, i) =>
            Task.Run(() => node.TryWithdraw(alert, raised.AddMinutes(i + 1), $"node {i}"))));

        var winner = Assert.Single(outcomes.Select((won, i) => (won, i)), o => o.won).i;
        var (_, changed) = Assert.Single(Store.After(mark));
        Assert.Equal((raised.AddMinutes(winner + 1), $"node {winner}"), (changed.WithdrawnAt!.Value, changed.Reason!));
    }

    [Fact]
    public void A_withdrawn_alert_that_alarms_again_is_raised_again_as_a_new_change()
    {
        var raised = new DateTimeOffset(2025, 7, 3, 10, 0, 0, TimeSpan.Zero);
        Store.TryAdd(Sample("la:cardiff", "2025-W27", raised));
        Store.TryWithdraw(Sample("la:cardiff", "2025-W27", raised), raised.AddHours(1), "no longer exceeds");
        var mark = Store.LastNumber();

        var again = Sample("la:cardiff", "2025-W27", raised.AddHours(3)) with { Count = 50 };
        Assert.True(Store.TryAdd(again));
        Assert.False(Store.TryAdd(again with { RaisedAt = raised.AddHours(4) }));

        Assert.Equal(again, Assert.Single(Store.List(null, null, includeWithdrawn: true)));
        Assert.Equal(again, Assert.Single(Store.After(mark)).Alert);
        Assert.Equal(again, Assert.Single(Store.Standing(["2025-W27"])));
    }
}

public sealed class SqliteAlertStoreTests : AlertStoreTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hub-alerts-" + Guid.NewGuid().ToString("N"));

    public SqliteAlertStoreTests() => Store = new SqliteAlertStore(Path.Combine(_directory, "alerts.db"));

    protected override IAlertStore Store { get; }

    protected override IAlertStore OtherNode() => new SqliteAlertStore(Path.Combine(_directory, "alerts.db"));

    [Fact]
    public void A_database_of_an_earlier_release_gains_withdrawal_and_change_numbers_and_keeps_its_alerts()
    {
        var path = Path.Combine(_directory, "old-alerts.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // The table as the first release created it, with one alert in it.
            command.CommandText = """
                CREATE TABLE alerts (
                    footprint TEXT NOT NULL, feed TEXT NOT NULL, category TEXT NOT NULL, period TEXT NOT NULL, method TEXT NOT NULL,
                    start_day TEXT NOT NULL, end_day TEXT NOT NULL, count INTEGER NOT NULL, expected REAL NOT NULL, threshold REAL NOT NULL,
                    raised_at TEXT NOT NULL,
                    PRIMARY KEY (footprint, feed, category, period, method));
                INSERT INTO alerts VALUES ('la:cardiff', 'crime', 'violence-against-the-person', '2025-W27', 'ears-c2',
                    '2025-06-30', '2025-07-06', 42, 20.5, 31.25, '2025-07-03T10:00:00.0000000Z');
                """;
            command.ExecuteNonQuery();
        }

        var store = new SqliteAlertStore(path);
        _ = new SqliteAlertStore(path); // opening again changes nothing
        var old = Assert.Single(store.List(null, null));
        Assert.Null(old.WithdrawnAt);
        Assert.Equal(1, store.LastNumber());
        Assert.True(store.TryWithdraw(old, old.RaisedAt.AddHours(1), "no longer exceeds"));
        Assert.Equal(2, store.LastNumber());
        Assert.Empty(store.List(null, null));
    }

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

    private readonly PostgresServer _server;
    private readonly string _connectionString;
    private readonly List<NpgsqlDataSource> _otherNodes = [];

    public PostgresAlertStoreTests(PostgresServer server)
    {
        _server = server;
        var connectionString = _connectionString = server.CreateDatabase();
        PostgresSchema.Apply(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        Store = new PostgresAlertStore(_dataSource);
    }

    protected override IAlertStore Store { get; }

    // Each node has its own connection pool.
    protected override IAlertStore OtherNode()
    {
        var dataSource = NpgsqlDataSource.Create(_connectionString);
        _otherNodes.Add(dataSource);
        return new PostgresAlertStore(dataSource);
    }

    [Fact]
    public void A_database_of_an_earlier_release_gains_withdrawal_and_change_numbers_and_keeps_its_alerts()
    {
        var connectionString = _server.CreateDatabase();
        using (var dataSource = NpgsqlDataSource.Create(connectionString))
        using (var command = dataSource.CreateCommand("""
                   CREATE TABLE alerts (
                       number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
                       footprint text NOT NULL, feed text NOT NULL, category text NOT NULL, period text NOT NULL, method text NOT NULL,
                       start_day date NOT NULL, end_day date NOT NULL, count bigint NOT NULL,
                       expected double precision NOT NULL, threshold double precision NOT NULL, raised_at timestamptz NOT NULL,
                       PRIMARY KEY (footprint, feed, category, period, method));
                   INSERT INTO alerts (footprint, feed, category, period, method, start_day, end_day, count, expected, threshold, raised_at)
                   SELECT 'la:w' || i, 'crime', 'violence-against-the-person', '2025-W27', 'ears-c2', '2025-06-30', '2025-07-06',
                          42, 20.5, 31.25, '2025-07-03T10:00:00Z'::timestamptz + i * interval '1 minute'
                   FROM generate_series(1, 3) AS i;
                   """))
            command.ExecuteNonQuery(); // the table as the first release created it, with three alerts

        PostgresSchema.Apply(connectionString);
        PostgresSchema.Apply(connectionString); // applying again changes nothing
        using var upgraded = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresAlertStore(upgraded);
        Assert.Equal(3, store.List(null, null).Count);
        Assert.Equal(3, store.LastNumber());
        Assert.Equal([1L, 2L, 3L], store.After(0).Select(a => a.Number));

        Assert.True(store.TryWithdraw(store.List("la:w2", null)[0], DateTimeOffset.UtcNow, "no longer exceeds"));
        Assert.True(store.TryAdd(Sample("la:w4", "2025-W27", DateTimeOffset.UtcNow)));
        Assert.Equal([("la:w1", 1L), ("la:w3", 3L), ("la:w2", 4L), ("la:w4", 5L)],
            store.After(0).Select(a => (a.Alert.Footprint, a.Number)));
    }

    public void Dispose()
    {
        foreach (var dataSource in _otherNodes) dataSource.Dispose();
        _dataSource.Dispose();
    }
}
