using AnalysisHub.Domain.Access;
using AnalysisHub.Domain.Records;
using AnalysisHub.Storage.Access;
using AnalysisHub.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AnalysisHub.Storage.Tests;

/// <summary>The audit-log contract, run on both stores: every field comes back as written, newest first, in pages.</summary>
public abstract class AuditLogTests
{
    protected abstract IAuditLog Log { get; }

    /// <summary>A log opened afresh over the same database, as after a restart.</summary>
    protected abstract IAuditLog Reopen();

    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static AuditEntry Read(int i, string key = "k_reader") =>
        new(Noon.AddMilliseconds(i), key, "Cardiff analysts", AuditEntry.Read, "GET", $"/api/v1/footprints/csp:cardiff/series?feed=crime&n={i}", 200);

    protected static AuditEntry Ingest => new(Noon.AddMicroseconds(123456), "k_police", "Heddlu — Gwent ✓", AuditEntry.Ingest, "POST",
        "/api/v1/feeds/crime/records", 200, "crime", 3, new IngestCounts(1, 1, 0, 0, 1), new string('a', 64));

    protected static AuditEntry Anonymous => new(Noon.AddSeconds(5), null, null, AuditEntry.Ingest, "POST", "/api/v1/feeds/calls/records", 401, "calls");

    [Fact]
    public async Task Every_field_is_read_back_as_written_null_or_not_newest_first()
    {
        await Log.AppendAsync([Ingest, Anonymous]);
        var page = await Reopen().ListAsync(new AuditQuery(null, null, null, 10));
        Assert.Equal([Anonymous, Ingest], page.Entries.Select(e => e.Entry));
        Assert.True(page.Entries[0].Number > page.Entries[1].Number);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Numbers_only_grow_across_batches_and_pages_follow_them_by_key_and_time()
    {
        await Log.AppendAsync(Enumerable.Range(0, 5).Select(i => Read(i)).ToList());
        await Log.AppendAsync([Read(5, "k_other"), Read(6), Read(7)]);
        var all = await Log.ListAsync(new AuditQuery(null, null, null, 100));
        Assert.Equal(Enumerable.Range(0, 8).Reverse().Select(i => Noon.AddMilliseconds(i)), all.Entries.Select(e => e.Entry.At));
        Assert.True(all.Entries.Zip(all.Entries.Skip(1)).All(p => p.First.Number > p.Second.Number));

        var first = await Log.ListAsync(new AuditQuery(null, "k_reader", null, 3));
        Assert.Equal([7, 6, 4], first.Entries.Select(e => (int)(e.Entry.At - Noon).TotalMilliseconds));
        var second = await Log.ListAsync(new AuditQuery(null, "k_reader", first.Next, 3));
        Assert.Equal([3, 2, 1], second.Entries.Select(e => (int)(e.Entry.At - Noon).TotalMilliseconds));
        var since = await Log.ListAsync(new AuditQuery(Noon.AddMilliseconds(6), null, null, 100));
        Assert.Equal(2, since.Entries.Count);
    }
}

public sealed class SqliteAuditLogTests : AuditLogTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hub-audit-" + Guid.NewGuid().ToString("N"));

    public SqliteAuditLogTests() => Log = new SqliteAuditLog(Path.Combine(_directory, "audit.db"));

    protected override IAuditLog Log { get; }

    protected override IAuditLog Reopen()
    {
        SqliteConnection.ClearAllPools();
        return new SqliteAuditLog(Path.Combine(_directory, "audit.db"));
    }

    [Fact]
    public async Task A_file_made_when_numbers_were_autoincremented_takes_and_gives_entries_as_before()
    {
        var path = Path.Combine(_directory, "old-audit.db");
        Directory.CreateDirectory(_directory);
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE audit (number INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, key_id TEXT NULL, owner TEXT NULL,
                    action TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL, status INTEGER NOT NULL, feed TEXT NULL,
                    rows INTEGER NULL, counts TEXT NULL, body_sha256 TEXT NULL);
                INSERT INTO audit (at, action, method, path, status) VALUES ('2026-12-01T00:00:00.0000000Z', 'read', 'GET', '/api/v1/feeds', 200);
                """;
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        var log = new SqliteAuditLog(path);
        await log.AppendAsync([Ingest]);
        var page = await log.ListAsync(new AuditQuery(null, null, null, 10));
        Assert.Equal([2L, 1L], page.Entries.Select(e => e.Number));
        Assert.Equal(Ingest, page.Entries[0].Entry);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditLogTests(PostgresServer server) : AuditLogTests, IDisposable
{
    private readonly PostgresStoreDatabase _database = new(server);

    protected override IAuditLog Log => field ??= Reopen();

    protected override IAuditLog Reopen() => new PostgresAuditLog(_database.NewDataSource());

    public void Dispose() => _database.Dispose();
}
