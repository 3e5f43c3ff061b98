using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Records;
using AnalysisHub.Domain.Vocabulary;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage.Tests;

/// <summary>
/// The ledger contract, run against every ledger: <see cref="SqliteRecordLedgerTests"/> and
/// <see cref="PostgresRecordLedgerTests"/> supply the store; the assertions are the same.
/// </summary>
public abstract partial class RecordLedgerTests<TLedger> : IDisposable where TLedger : IRecordLedger, IDisposable
{
    protected static readonly GeographyRegistry Geography = GeographyLoader.LoadReference();
    protected static readonly FeedCatalog Catalog = FeedCatalog.LoadReference();
    private TLedger? _ledger;

    /// <summary>The ledger under test, opened on first use.</summary>
    protected TLedger Ledger => _ledger ??= Open();

    /// <summary>Opens the test's store: a fresh one the first time, the same one again on later calls.</summary>
    protected abstract TLedger Open();

    protected static StoredVocabulary Vocabulary() => new(Geography, Catalog);

    /// <summary>The authority with this ONS code.</summary>
    protected static Authority Authority(string code) => Geography.FindAuthority(code)!;

    protected static IncomingRecord Crime(string id, string authorityCode, string category = "robbery", long version = 0,
        RecordStatus status = RecordStatus.Active, int day = 1)
    {
        var authority = Authority(authorityCode);
        var feed = Catalog.FindFeed("crime")!;
        return new IncomingRecord(id, new RecordEntry((byte)feed.Index, version, status,
            RecordTime.AtInstant(new DateTimeOffset(2025, 3, day, 12, 0, 0, TimeSpan.Zero)), authority.Index, (short)feed.FindCategory(category)!.Index, 0));
    }

    /// <summary>A batch sent by no known key, as tools that write the ledger directly send them.</summary>
    protected static IncomingBatch Batch(params IReadOnlyList<IncomingRecord> records) => new(records, WriterKeyId: null);

    [Fact]
    public void Rows_apply_in_order_across_the_batches_of_one_commit()
    {
        var result = Ledger.Commit([
            Batch(Crime("a", "W06000015"), Crime("b", "W06000015", version: 2)),
            Batch(Crime("a", "W06000015"), Crime("b", "W06000001", version: 1), Crime("b", "W06000001", version: 3), Crime("c", "W06000015", status: RecordStatus.Cancelled)),
        ]);
        Assert.Equal(new IngestCounts(2, 0, 0, 0, 0), result.Counts[0]);
        Assert.Equal(new IngestCounts(0, 1, 1, 1, 1), result.Counts[1]);

        // Net effect: a in Cardiff; b moved to Anglesey; the tombstone c counts nowhere.
        var cardiff = Assert.Single(result.Changes, c => c.Authority.Id == "la:cardiff");
        var anglesey = Assert.Single(result.Changes, c => c.Authority.Id == "la:isle-of-anglesey");
        Assert.Equal(1, CellCodec.Decode(cardiff.Cells).Where(kv => kv.Key.Kind == CellKind.Day).Sum(kv => kv.Value));
        Assert.Equal(1, CellCodec.Decode(anglesey.Cells).Where(kv => kv.Key.Kind == CellKind.Day).Sum(kv => kv.Value));
    }

    [Fact]
    public async Task Each_authority_numbers_its_changes_without_gaps_and_a_commit_that_changes_nothing_takes_no_number()
    {
        Assert.Equal(1, Assert.Single(Ledger.Commit([Batch(Crime("a", "W06000015"))]).Changes).Sequence);
        Assert.Empty(Ledger.Commit([Batch(Crime("a", "W06000015"))]).Changes); // a duplicate
        // Added and withdrawn in one commit: no net change, so no number is used.
        Assert.DoesNotContain(Ledger.Commit([Batch(Crime("x", "W06000015"), Crime("x", "W06000015", status: RecordStatus.Cancelled))]).Changes,
            c => c.Authority.Id == "la:cardiff");
        Assert.Equal(2, Assert.Single(Ledger.Commit([Batch(Crime("b", "W06000015"))]).Changes).Sequence);
        Assert.Equal(1, Assert.Single(Ledger.Commit([Batch(Crime("c", "W06000016"))]).Changes).Sequence);

        Assert.Equal(2, await Ledger.CurrentSequenceAsync(Authority("W06000015")));
        Assert.Equal([1L, 2L], (await Ledger.ReadChangesAsync(Authority("W06000015"), 0)).Select(c => c.Sequence));
    }

    [Fact]
    public async Task The_changes_a_commit_hands_on_are_the_bytes_it_logged()
    {
        var result = Ledger.Commit([Batch(Crime("a", "W06000015", day: 1), Crime("b", "W06000015", day: 2), Crime("c", "W06000011"))]);

        foreach (var code in new[] { "W06000015", "W06000011" })
        {
            var id = Geography.Find(code)!.Id;
            var handedOn = Assert.Single(result.Changes, c => c.Authority.Id == id);
            var logged = Assert.Single(await Ledger.ReadChangesAsync(Authority(code), 0));
            Assert.Equal(logged.Sequence, handedOn.Sequence);
            Assert.Equal(logged.Cells, handedOn.Cells);
        }
    }

    [Fact]
    public async Task A_trim_is_done_by_the_next_commit()
    {
        Ledger.Commit([Batch(Crime("a", "W06000015"))]);
        Ledger.Commit([Batch(Crime("b", "W06000015"))]);
        await Ledger.TrimAsync(Authority("W06000015"), 1);
        Assert.Equal(2, (await Ledger.ReadChangesAsync(Authority("W06000015"), 0)).Count); // not yet: trims wait for the writer

        Ledger.Commit([Batch(Crime("c", "W06000016"))]);
        Assert.Equal([2L], (await Ledger.ReadChangesAsync(Authority("W06000015"), 0)).Select(c => c.Sequence));
    }

    [Fact]
    public async Task Rebuild_recounts_an_authority_from_its_records_with_the_sequence_they_reflect()
    {
        Ledger.Commit([Batch(Crime("a", "W06000015", day: 1), Crime("b", "W06000015", day: 2), Crime("c", "W06000011", day: 2))]);
        Ledger.Commit([Batch(Crime("b", "W06000015", version: 1, status: RecordStatus.Cancelled))]);

        var (sequence, cells) = await Ledger.RebuildAsync(Authority("W06000015"));
        Assert.Equal(2, sequence);
        var expected = new CellTable();
        foreach (var change in await Ledger.ReadChangesAsync(Authority("W06000015"), 0))
            foreach (var (key, delta) in CellCodec.Decode(change.Cells)) expected.Add(key, delta);
        Assert.Equal(expected.NonZeroCells().OrderBy(c => c.Key.Packed).ThenBy(c => c.Key.Flags),
            cells.NonZeroCells().OrderBy(c => c.Key.Packed).ThenBy(c => c.Key.Flags));
        Assert.Equal(2, cells.Count); // a's day and hour-of-week cells
    }

    [Fact]
    public async Task Later_rows_of_an_identity_inserted_in_the_same_commit_are_decided_against_it()
    {
        var result = Ledger.Commit([Batch(
            Crime("n", "W06000015", version: 1), Crime("n", "W06000015", version: 1), // new, then a duplicate
            Crime("n", "W06000001", version: 0), // an older version elsewhere: stale
            Crime("n", "W06000011", version: 2), // moved to Swansea
            Crime("n", "W06000011", version: 3, status: RecordStatus.Cancelled), // withdrawn
            Crime("n", "W06000011", version: 3))]); // a late original of the tombstone's version: stale
        Assert.Equal(new IngestCounts(1, 1, 1, 2, 1), result.Counts[0]);
        // Net: nothing counts anywhere, so no authority takes a number.
        Assert.Empty(result.Changes);
        Assert.Equal(0, await Ledger.CurrentSequenceAsync(Authority("W06000015")));

        // The stored state is the tombstone (version 3): only a higher version revives it.
        Assert.Equal(new IngestCounts(0, 0, 0, 1, 0), Ledger.Commit([Batch(Crime("n", "W06000011", version: 3))]).Counts[0]);
        Assert.Equal(new IngestCounts(0, 1, 0, 0, 0), Ledger.Commit([Batch(Crime("n", "W06000011", version: 4))]).Counts[0]);
        Assert.Equal(1, await Ledger.CurrentSequenceAsync(Authority("W06000011")));
    }

    [Fact]
    public void The_ledger_survives_reopening()
    {
        Ledger.Commit([Batch(Crime("a", "W06000015", version: 4))]);
        Ledger.Dispose();
        using var reopened = Open();
        Assert.Equal(new IngestCounts(0, 0, 0, 1, 0), reopened.Commit([Batch(Crime("a", "W06000001", version: 3))]).Counts[0]);
        Assert.Equal(new IngestCounts(0, 0, 1, 0, 0), reopened.Commit([Batch(Crime("a", "W06000015", version: 4))]).Counts[0]);
    }

    public void Dispose()
    {
        _ledger?.Dispose();
        DisposeStore();
        GC.SuppressFinalize(this);
    }

    /// <summary>Removes the test's store once the ledger is closed.</summary>
    protected abstract void DisposeStore();
}

public sealed class SqliteRecordLedgerTests : RecordLedgerTests<SqliteRecordLedger>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hub-ledger-" + Guid.NewGuid().ToString("N"));

    protected override SqliteRecordLedger Open() =>
        new(new LedgerOptions { DatabasePath = Path.Combine(_directory, "ledger.db") }, Vocabulary());

    protected override void DisposeStore()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    protected override void ForgetVersions()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "ledger.db")}");
        connection.Open();
        using var drop = connection.CreateCommand();
        // A ledger from then had neither the history table nor the records' own version columns.
        drop.CommandText = """
            DROP TABLE record_versions; DROP TABLE ledger_commits; DROP TABLE row_versions_by_key;
            ALTER TABLE records DROP COLUMN first_at; ALTER TABLE records DROP COLUMN first_key;
            """;
        drop.ExecuteNonQuery();
        // The schema is brought up to date when the ledger is next opened.
    }
}
