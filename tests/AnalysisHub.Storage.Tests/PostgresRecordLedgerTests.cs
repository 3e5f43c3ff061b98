using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Records;
using AnalysisHub.Storage.Postgres;
using Npgsql;

namespace AnalysisHub.Storage.Tests;

/// <summary>The ledger contract on PostgreSQL, plus what only a shared database has: several writers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRecordLedgerTests(PostgresServer server) : RecordLedgerTests<PostgresRecordLedger>
{
    private string? _connectionString;

    private string ConnectionString => _connectionString ??= CreateDatabaseWithSchema();

    private string CreateDatabaseWithSchema()
    {
        var connectionString = server.CreateDatabase();
        PostgresSchema.Apply(connectionString);
        return connectionString;
    }

    protected override PostgresRecordLedger Open() =>
        new(new PostgresLedgerOptions { ConnectionString = ConnectionString }, Vocabulary());

    protected override void DisposeStore() => NpgsqlConnection.ClearAllPools();

    protected override void ForgetVersions()
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            // A ledger from then had neither the history table nor the records' own version columns.
            using var drop = new NpgsqlCommand(
                "DROP TABLE record_versions; DROP SEQUENCE record_version_commits; DROP TABLE row_versions_by_key; " +
                "ALTER TABLE records DROP COLUMN first_at, DROP COLUMN first_key",
                connection);
            drop.ExecuteNonQuery();
        }
        PostgresSchema.Apply(ConnectionString);
    }

    [Fact]
    public async Task The_schema_is_embedded_and_can_be_applied_again_without_touching_the_data()
    {
        Assert.Contains("CREATE TABLE IF NOT EXISTS records", PostgresSchema.Read("ledger.sql"), StringComparison.Ordinal);
        Ledger.Commit([Batch(Crime("a", "W06000015"))]);
        PostgresSchema.Apply(ConnectionString); // every script a second time over existing tables and rows
        Assert.Empty(PostgresSchema.MissingTables(ConnectionString));
        using var again = Open();
        Assert.Equal(1, await again.CurrentSequenceAsync(Authority("W06000015")));
    }

    [Fact]
    public void A_database_without_the_schema_reports_every_missing_table()
    {
        var empty = server.CreateDatabase();
        Assert.Equal(
            ["alerts", "api_keys", "audit", "authority_cursor", "cell_changes", "defined_footprints", "delivery_declarations", "indicator_targets", "orleansmembershiptable", "orleansquery",
             "orleansstorage", "published_figures", "record_versions", "records"],
            PostgresSchema.MissingTables(empty));
    }

    [Fact]
    public async Task A_group_meeting_a_stored_identity_part_way_through_is_decided_whole_by_the_general_path()
    {
        Assert.Equal(new IngestCounts(2, 0, 0, 0, 0), Ledger.Commit([Batch(Crime("m", "W06000015"), Crime("q", "W06000015"))]).Counts[0]);

        // In key order a and b are new and copied before m, which exists: the copy stops there and is undone.
        var result = Ledger.Commit([Batch(Crime("a", "W06000015"), Crime("b", "W06000011"), Crime("m", "W06000011", version: 1), Crime("z", "W06000015"))]);
        Assert.Equal(new IngestCounts(3, 1, 0, 0, 0), result.Counts[0]);
        // The next groups take the general path for a while; all new or not, they are decided the same way.
        Assert.Equal(new IngestCounts(1, 0, 1, 0, 0), Ledger.Commit([Batch(Crime("c", "W06000015"), Crime("a", "W06000015"))]).Counts[0]);

        Assert.Equal(4, await DayTotal(Ledger, "W06000015")); // q, a, z, c
        Assert.Equal(2, await DayTotal(Ledger, "W06000011")); // b, m (moved)
        Assert.Equal(6, CountRows("SELECT count(*) FROM records"));
    }

    [Fact]
    public async Task A_copy_that_meets_an_identity_another_writer_is_inserting_waits_and_then_counts_it_as_stored()
    {
        Ledger.Commit([Batch(Crime("warm", "W06000015"))]);
        // Another writer has inserted k but not committed yet.
        await using var other = new NpgsqlConnection(ConnectionString);
        await other.OpenAsync();
        await using var tx = await other.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO records (feed, id, version, status, precision, time, authority, category, flags) " +
            "VALUES ('crime', 'k', 0, 0, 0, @time, 'W06000015', 'robbery', NULL)", other, tx))
        {
            insert.Parameters.AddWithValue("time", Crime("k", "W06000015").Entry.Time.Value);
            await insert.ExecuteNonQueryAsync();
        }

        var commit = Task.Run(() => Ledger.Commit([Batch(Crime("a", "W06000015", day: 2), Crime("k", "W06000011", version: 1))]));
        await Task.Delay(500);
        Assert.False(commit.IsCompleted); // held by the other writer's uncommitted row
        await tx.CommitAsync();

        var result = await commit.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new IngestCounts(1, 1, 0, 0, 0), result.Counts[0]);
        // The ledger's changes are what it decided: a added in Cardiff; k moved from Cardiff (the other writer's
        // version 0) to Swansea.
        long Day(string authorityId, int dayOfMonth) => result.Changes.Where(c => c.Authority.Id == authorityId)
            .SelectMany(c => CellCodec.Decode(c.Cells)).Where(kv => kv.Key.Kind == CellKind.Day && kv.Key.Time == new DateOnly(2025, 3, dayOfMonth).DayNumber)
            .Sum(kv => kv.Value);
        Assert.Equal(1, Day("la:cardiff", 2));
        Assert.Equal(-1, Day("la:cardiff", 1));
        Assert.Equal(1, Day("la:swansea", 1));
        Assert.Equal(3, CountRows("SELECT count(*) FROM records"));
    }

    private static async Task<long> DayTotal(PostgresRecordLedger ledger, string authority) =>
        (await ledger.RebuildAsync(Authority(authority))).Cells.NonZeroCells().Where(c => c.Key.Kind == CellKind.Day).Sum(c => c.Value);

    private long CountRows(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Two_writers_committing_concurrently_keep_each_authoritys_numbers_gap_free_and_the_counts_exact()
    {
        // Two ledgers on two data sources, as two silo processes would have, over the same database.
        using var first = Open();
        using var second = Open();
        string[] authorities = ["W06000015", "W06000011", "W06000001", "W06000016"];
        const int Rounds = 40;
        const int PerBatch = 50;

        // Both writers send the same identities (a shared pool, so they race on inserts and on updates), each
        // round a new version of half of them; every batch touches every authority.
        IReadOnlyList<IncomingRecord> Rows(int writer, int round) =>
            Enumerable.Range(0, PerBatch).Select(k =>
            {
                var id = $"r{(round * 7 + k) % 300}";
                var authority = authorities[(k + round + writer) % authorities.Length];
                return Crime(id, authority, version: round, day: 1 + k % 28);
            }).ToList();

        var results = new CommitResult[2][];
        using var go = new Barrier(2);
        void Write(PostgresRecordLedger ledger, int writer)
        {
            results[writer] = new CommitResult[Rounds];
            go.SignalAndWait();
            for (var round = 0; round < Rounds; round++)
                results[writer][round] = ledger.Commit([Batch(Rows(writer, round)), Batch(Rows(writer, round + 1000))]);
        }
        var a = Task.Factory.StartNew(() => Write(first, 0), TaskCreationOptions.LongRunning);
        var b = Task.Factory.StartNew(() => Write(second, 1), TaskCreationOptions.LongRunning);
        await Task.WhenAll(a, b);

        // Every row was decided exactly once by exactly one writer.
        var all = results.SelectMany(r => r).SelectMany(r => r.Counts).ToList();
        Assert.Equal(2 * Rounds * 2 * PerBatch, all.Sum(c => c.Accepted + c.Updated + c.Duplicates + c.Stale + c.Cancelled));

        foreach (var authority in authorities)
        {
            var id = Authority(authority).Id;
            // The numbers the writers were given for this authority: 1..n, each exactly once.
            var given = results.SelectMany(r => r).SelectMany(r => r.Changes).Where(c => c.Authority.Id == id)
                .Select(c => c.Sequence).Order().ToList();
            var current = await Ledger.CurrentSequenceAsync(Authority(authority));
            Assert.Equal(Enumerable.Range(1, (int)current).Select(n => (long)n), given);
            var log = await Ledger.ReadChangesAsync(Authority(authority), 0);
            Assert.Equal(given, log.Select(c => c.Sequence));

            // Replaying the log reproduces exactly what the records say now.
            var replayed = new CellTable();
            foreach (var change in log)
                foreach (var (key, delta) in CellCodec.Decode(change.Cells)) replayed.Add(key, delta);
            var (sequence, rebuilt) = await Ledger.RebuildAsync(Authority(authority));
            Assert.Equal(current, sequence);
            Assert.Equal(rebuilt.NonZeroCells().OrderBy(c => c.Key.Packed).ThenBy(c => c.Key.Flags),
                replayed.NonZeroCells().OrderBy(c => c.Key.Packed).ThenBy(c => c.Key.Flags));
        }

        // The final count is exact: every identity counts once, in the authority of its highest version.
        var total = 0L;
        foreach (var authority in authorities)
            total += (await Ledger.RebuildAsync(Authority(authority))).Cells.NonZeroCells().Where(c => c.Key.Kind == CellKind.Day).Sum(c => c.Value);
        var identities = Enumerable.Range(0, 2).SelectMany(w => Enumerable.Range(0, Rounds)
            .SelectMany(r => Rows(w, r).Concat(Rows(w, r + 1000)))).Select(r => r.Id).Distinct().Count();
        Assert.Equal(identities, total);
    }
}
