using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage.Tests;

/// <summary>
/// Record provenance, run against every ledger: each applied row is kept as a version with the key that sent it,
/// and withdrawing a key's writes sets each record it wrote back to what the other versions make it.
/// </summary>
public abstract partial class RecordLedgerTests<TLedger>
{
    private static IncomingBatch By(string keyId, params IReadOnlyList<IncomingRecord> records) => new(records, keyId);

    private static long DayCells(IEnumerable<AuthorityChanges> changes, string authorityId) =>
        changes.Where(c => c.Authority.Id == authorityId).SelectMany(c => CellCodec.Decode(c.Cells))
            .Where(d => d.Key.Kind == CellKind.Day).Sum(d => d.Value);

    private async Task<RecordHistory> HistoryOf(string id) =>
        await Ledger.HistoryAsync("crime", id) ?? throw new Xunit.Sdk.XunitException($"no history for {id}");

    [Fact]
    public async Task Every_applied_row_is_kept_as_a_version_with_its_writer_and_outcome_oldest_first()
    {
        Ledger.Commit([By("pv-1", Crime("pv-a", "W06000015", version: 1))]);
        Ledger.Commit([
            By("pv-2", Crime("pv-a", "W06000011", version: 2), Crime("pv-a", "W06000001", version: 1)),
            Batch(Crime("pv-a", "W06000011", version: 2)),
        ]);
        Ledger.Commit([By("pv-1", Crime("pv-a", "W06000011", version: 3, status: RecordStatus.Cancelled))]);

        var history = await HistoryOf("pv-a");
        Assert.Equal(["pv-1", "pv-2", "pv-2", null, "pv-1"], history.Versions.Select(v => v.KeyId));
        Assert.Equal([VersionOutcome.Accepted, VersionOutcome.Updated, VersionOutcome.Stale, VersionOutcome.Duplicate, VersionOutcome.Cancelled],
            history.Versions.Select(v => v.Outcome));
        Assert.Equal([1L, 2, 1, 2, 3], history.Versions.Select(v => v.Content.Version));
        Assert.Equal("W06000001", history.Versions[2].Content.Authority); // what the stale row said, though it changed nothing
        Assert.Equal("robbery", history.Versions[0].Content.Category);
        Assert.True(history.Versions.Zip(history.Versions.Skip(1)).All(p => p.First.At <= p.Second.At));
        Assert.Equal(new StoredRecord(3, RecordStatus.Cancelled, Crime("pv-a", "W06000011").Entry.Time, "W06000011", "robbery", null),
            history.Current);
        Assert.Null(await Ledger.HistoryAsync("crime", "pv-never"));
        Assert.Null(await Ledger.HistoryAsync("incidents", "pv-a"));
    }

    [Fact]
    public async Task Withdrawing_a_keys_writes_restores_what_its_records_were_before_them_and_the_cells_follow()
    {
        Ledger.Commit([By("wd-force", Crime("wd-a", "W06000015", version: 1), Crime("wd-b", "W06000015"))]);
        // The rogue key moves a to Swansea, cancels b and adds c.
        Ledger.Commit([By("wd-rogue", Crime("wd-a", "W06000011", version: 2), Crime("wd-b", "W06000015", version: 5, status: RecordStatus.Cancelled),
            Crime("wd-c", "W06000011"))]);

        var result = Ledger.WithdrawWrites("wd-rogue");
        Assert.Equal(("wd-rogue", true, 3, 2, 1), (result.KeyId, result.HasWritten, result.Records, result.Restored, result.Removed));
        Assert.Equal(2, DayCells(result.Changes, "la:cardiff")); // a back, b counting again
        Assert.Equal(-2, DayCells(result.Changes, "la:swansea")); // a moved back, c gone

        var a = await HistoryOf("wd-a");
        Assert.Equal((1L, "W06000015"), (a.Current!.Version, a.Current.Authority));
        Assert.Equal([VersionOutcome.Accepted, VersionOutcome.Withdrawn], a.Versions.Select(v => v.Outcome));
        Assert.Equal((RecordStatus.Active, 0L), ((await HistoryOf("wd-b")).Current!.Status, (await HistoryOf("wd-b")).Current!.Version));
        var c = await HistoryOf("wd-c");
        Assert.Null(c.Current);
        Assert.Equal(VersionOutcome.Withdrawn, Assert.Single(c.Versions).Outcome);

        // Done once: a second withdrawal finds nothing left to take back.
        var again = Ledger.WithdrawWrites("wd-rogue");
        Assert.Equal((true, 0, 0, 0), (again.HasWritten, again.Records, again.Restored, again.Removed));
        Assert.Empty(again.Changes);
        // The withdrawn versions are gone from the decisions too: the rogue's version 2 of a, sent again, applies.
        Assert.Equal(new IngestCounts(0, 1, 0, 0, 0), Ledger.Commit([By("wd-force", Crime("wd-a", "W06000011", version: 2))]).Counts[0]);
        Assert.Equal(new IngestCounts(1, 0, 0, 0, 0), Ledger.Commit([By("wd-force", Crime("wd-c", "W06000011"))]).Counts[0]);
    }

    [Fact]
    public async Task A_row_that_was_stale_against_a_withdrawn_version_comes_into_force()
    {
        Ledger.Commit([By("st-high", Crime("st-a", "W06000015", version: 5))]);
        Assert.Equal(new IngestCounts(0, 0, 0, 1, 0), Ledger.Commit([By("st-low", Crime("st-a", "W06000011", version: 3))]).Counts[0]);

        var result = Ledger.WithdrawWrites("st-high");
        Assert.Equal((1, 1, 0), (result.Records, result.Restored, result.Removed));
        Assert.Equal(-1, DayCells(result.Changes, "la:cardiff"));
        Assert.Equal(1, DayCells(result.Changes, "la:swansea"));
        Assert.Equal((3L, "W06000011"), ((await HistoryOf("st-a")).Current!.Version, (await HistoryOf("st-a")).Current!.Authority));
    }

    [Fact]
    public void A_key_that_wrote_nothing_has_nothing_withdrawn()
    {
        Ledger.Commit([By("nw-other", Crime("nw-a", "W06000015"))]);
        var result = Ledger.WithdrawWrites("nw-none");
        Assert.Equal((false, 0, 0, 0), (result.HasWritten, result.Records, result.Restored, result.Removed));
        Assert.Empty(result.Changes);
    }

    [Fact]
    public async Task A_ledger_written_before_versions_were_kept_starts_each_history_with_its_state_then()
    {
        Ledger.Commit([By("bl-old", Crime("bl-a", "W06000015", version: 1))]);
        Ledger.Dispose();
        _ledger = default;
        ForgetVersions();

        var baseline = Assert.Single((await HistoryOf("bl-a")).Versions);
        Assert.Equal((null, VersionOutcome.Baseline, 1L, "W06000015"),
            (baseline.KeyId, baseline.Outcome, baseline.Content.Version, baseline.Content.Authority));
        // A later writer's correction, withdrawn, leaves the record as it was when the history began.
        Ledger.Commit([By("bl-new", Crime("bl-a", "W06000011", version: 2))]);
        Assert.Equal((1, 1, 0), (Ledger.WithdrawWrites("bl-new") is var r ? (r.Records, r.Restored, r.Removed) : default));
        Assert.Equal("W06000015", (await HistoryOf("bl-a")).Current!.Authority);
    }

    /// <summary>Makes the store what a ledger from before record_versions was, and brings its schema up to date.</summary>
    protected abstract void ForgetVersions();
}
