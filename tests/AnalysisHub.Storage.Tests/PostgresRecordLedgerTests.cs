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

    [Fact]
    public void The_schema_is_embedded_and_can_be_applied_again_without_touching_the_data()
    {
        Assert.Contains("CREATE TABLE IF NOT EXISTS records", PostgresSchema.Read("ledger.sql"), StringComparison.Ordinal);
        Ledger.Commit([[Crime("a", "W06000015")]]);
        PostgresSchema.Apply(ConnectionString); // every script a second time over existing tables and rows
        Assert.Empty(PostgresSchema.MissingTables(ConnectionString));
        using var again = Open();
        Assert.Equal(1, again.CurrentSequence("W06000015"));
    }

    [Fact]
    public void A_database_without_the_schema_reports_every_missing_table()
    {
        var empty = server.CreateDatabase();
        Assert.Equal(
            ["alerts", "authority_cursor", "cell_changes", "orleansmembershiptable", "orleansquery", "orleansstorage", "records"],
            PostgresSchema.MissingTables(empty));
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
        IReadOnlyList<IncomingRecord> Batch(int writer, int round) =>
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
                results[writer][round] = ledger.Commit([Batch(writer, round), Batch(writer, round + 1000)]);
        }
        var a = Task.Factory.StartNew(() => Write(first, 0), TaskCreationOptions.LongRunning);
        var b = Task.Factory.StartNew(() => Write(second, 1), TaskCreationOptions.LongRunning);
        await Task.WhenAll(a, b);

        // Every row was decided exactly once by exactly one writer.
        var all = results.SelectMany(r => r).SelectMany(r => r.Counts).ToList();
        Assert.Equal(2 * Rounds * 2 * PerBatch, all.Sum(c => c.Accepted + c.Updated + c.Duplicates + c.Stale + c.Cancelled));

        foreach (var authority in authorities)
        {
            var id = Ledger.Vocabulary.AuthorityId(Geography.TryResolveArea(authority, out var index) ? index : -1);
            // The numbers the writers were given for this authority: 1..n, each exactly once.
            var given = results.SelectMany(r => r).SelectMany(r => r.Changes).Where(c => c.AuthorityId == id)
                .Select(c => c.Sequence).Order().ToList();
            var current = Ledger.CurrentSequence(authority);
            Assert.Equal(Enumerable.Range(1, (int)current).Select(n => (long)n), given);
            var log = Ledger.ReadChanges(authority, 0);
            Assert.Equal(given, log.Select(c => c.Sequence));

            // Replaying the log reproduces exactly what the records say now.
            var replayed = new CellTable();
            foreach (var change in log)
                foreach (var (key, delta) in CellCodec.Decode(change.Cells)) replayed.Add(key, delta);
            var (sequence, rebuilt) = Ledger.Rebuild(authority);
            Assert.Equal(current, sequence);
            Assert.Equal(rebuilt.NonZeroCells().OrderBy(c => c.Key.Packed).ThenBy(c => c.Key.Flags),
                replayed.NonZeroCells().OrderBy(c => c.Key.Packed).ThenBy(c => c.Key.Flags));
        }

        // The final count is exact: every identity counts once, in the authority of its highest version.
        var total = authorities.Sum(a => Ledger.Rebuild(a).Cells.NonZeroCells()
            .Where(c => c.Key.Kind == CellKind.Day).Sum(c => c.Value));
        var identities = Enumerable.Range(0, 2).SelectMany(w => Enumerable.Range(0, Rounds)
            .SelectMany(r => Batch(w, r).Concat(Batch(w, r + 1000)))).Select(r => r.Id).Distinct().Count();
        Assert.Equal(identities, total);
    }
}
