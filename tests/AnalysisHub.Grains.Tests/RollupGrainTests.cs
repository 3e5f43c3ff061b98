using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Records;
using AnalysisHub.Storage;

namespace AnalysisHub.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RollupGrainTests(ClusterFixture fixture)
{
    private readonly Records _records = new(fixture.Geography, fixture.Catalog);
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    // Each test counts in a year of its own, so tests sharing the cluster do not see each other's records.
    private Task<long> Total(string footprintId, int year, string category = "violence-and-sexual-offences")
    {
        var feed = fixture.Catalog.FindFeed("crime")!;
        var request = new Domain.Rollups.SeriesQuery(feed.Index, feed.FindCategory(category)!.SelfAndDescendants, 0,
            new Domain.Time.DateRange(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), Domain.Time.Granularity.Year);
        var footprint = fixture.Geography.Find(footprintId)!;
        return RollupGrains.For(Grains, footprint).GetSeries(request).ContinueWith(t => t.Result.Total);
    }

    [Fact]
    public async Task A_record_counts_in_its_authority_and_every_footprint_containing_it_once()
    {
        var at = new DateTimeOffset(2011, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await fixture.CommitAndPublishAsync([_records.Crime("g1-1", "la:rhondda-cynon-taf", "violence-with-injury", at)]);

        foreach (var footprint in fixture.Geography.Containing(fixture.Geography.FindAuthority("la:rhondda-cynon-taf")!))
            await Eventually.Equal(1L, () => Total(footprint.Id, 2011));
        await Eventually.Equal(0L, () => Total("la:cardiff", 2011));
        await Eventually.Equal(0L, () => Total("force:gwent", 2011));
    }

    [Fact]
    public async Task Every_partitioning_kind_sums_to_the_wales_total()
    {
        var authorities = fixture.Geography.Authorities;
        var rows = Enumerable.Range(0, 500).Select(i => _records.Crime($"g2-{i}", authorities[i * 7 % authorities.Count].Id,
            i % 3 == 0 ? "robbery" : "homicide", new DateTimeOffset(2012, 1 + i % 12, 1 + i % 28, i % 24, 0, 0, TimeSpan.Zero))).ToList();
        await fixture.CommitAndPublishAsync(rows);

        await Eventually.Equal(500L, () => Total("nation:wales", 2012, "robbery").ContinueWith(r => r.Result + Total("nation:wales", 2012, "homicide").Result));
        foreach (var kind in FootprintKind.Partitioning)
        {
            var sum = 0L;
            foreach (var footprint in fixture.Geography.OfKind(kind, DateOnly.FromDateTime(DateTime.UtcNow)))
                sum += await Total(footprint.Id, 2012, "violence-and-sexual-offences") + await Total(footprint.Id, 2012, "robbery");
            Assert.Equal(500L, sum);
        }
    }

    [Fact]
    public async Task A_correction_moves_the_count_and_a_cancellation_removes_it_everywhere()
    {
        var at = new DateTimeOffset(2013, 5, 5, 12, 0, 0, TimeSpan.Zero);
        await fixture.CommitAndPublishAsync([_records.Crime("g3-1", "la:cardiff", "homicide", at, version: 1)]);
        await Eventually.Equal(1L, () => Total("rpb:cardiff-and-vale", 2013));

        await fixture.CommitAndPublishAsync([_records.Crime("g3-1", "la:newport", "homicide", at, version: 2)]);
        await Eventually.Equal(1L, () => Total("force:gwent", 2013));
        await Eventually.Equal(0L, () => Total("rpb:cardiff-and-vale", 2013));
        Assert.Equal(1L, await Total("nation:wales", 2013));

        await fixture.CommitAndPublishAsync([_records.Crime("g3-1", "la:newport", "homicide", at, version: 3, status: RecordStatus.Cancelled)]);
        await Eventually.Equal(0L, () => Total("nation:wales", 2013));
        Assert.Equal(0L, await Total("force:gwent", 2013));
    }

    [Fact]
    public async Task A_repeated_change_is_ignored_and_a_missed_one_is_read_from_the_log()
    {
        var at = new DateTimeOffset(2014, 2, 2, 12, 0, 0, TimeSpan.Zero);
        var first = fixture.Ledger.Commit([new IncomingBatch([_records.Crime("g4-1", "la:powys", "homicide", at)], WriterKeyId: null)]);
        var change = Assert.Single(first.Changes);
        var grain = Grains.GetGrain<IAuthorityGrain>("la:powys");
        var payload = change.Cells;
        await grain.ApplyChanges(change.Sequence, change.Sequence, payload, 0);
        await grain.ApplyChanges(change.Sequence, change.Sequence, payload, 0); // redelivered
        Assert.Equal(1L, await Total("la:powys", 2014));

        // The next change is committed but its push is lost; the one after arrives and reveals the gap.
        fixture.Ledger.Commit([new IncomingBatch([_records.Crime("g4-2", "la:powys", "homicide", at)], WriterKeyId: null)]);
        var third = fixture.Ledger.Commit([new IncomingBatch([_records.Crime("g4-3", "la:powys", "homicide", at)], WriterKeyId: null)]);
        var last = Assert.Single(third.Changes);
        await grain.ApplyChanges(last.Sequence, last.Sequence, last.Cells, 0);

        Assert.Equal(3L, await Total("la:powys", 2014));
        Assert.Equal(last.Sequence, await grain.GetAppliedSequence());
        await Eventually.Equal(3L, () => Total("rpb:powys", 2014));
    }

    [Fact]
    public async Task A_merged_range_of_changes_applies_once_and_an_overlapping_one_is_read_from_the_log()
    {
        var at = new DateTimeOffset(2017, 2, 2, 12, 0, 0, TimeSpan.Zero);
        var grain = Grains.GetGrain<IAuthorityGrain>("la:torfaen");
        var start = await grain.GetAppliedSequence();
        var commits = Enumerable.Range(0, 3).Select(i => fixture.Ledger.Commit([new IncomingBatch([_records.Crime($"g7-{i}", "la:torfaen", "homicide", at)], WriterKeyId: null)])).ToList();
        var merged = Assert.Single(AuthorityChanges.Coalesce(commits.SelectMany(c => c.Changes)));
        Assert.Equal((start + 1, start + 3), (merged.FirstSequence, merged.Sequence));

        await grain.ApplyChanges(merged.FirstSequence, merged.Sequence, merged.Cells, 0);
        await grain.ApplyChanges(merged.FirstSequence, merged.Sequence, merged.Cells, 0); // redelivered
        Assert.Equal(3L, await Total("la:torfaen", 2017));

        var fourth = Assert.Single(fixture.Ledger.Commit([new IncomingBatch([_records.Crime("g7-3", "la:torfaen", "homicide", at)], WriterKeyId: null)]).Changes);
        // A range overlapping what was applied cannot be applied in part: the grain reads the log instead.
        await grain.ApplyChanges(fourth.Sequence - 1, fourth.Sequence, fourth.Cells, 0);
        Assert.Equal(4L, await Total("la:torfaen", 2017));
        Assert.Equal(fourth.Sequence, await grain.GetAppliedSequence());
    }

    [Fact]
    public async Task A_change_nobody_pushed_is_found_by_the_periodic_log_check()
    {
        var at = new DateTimeOffset(2015, 2, 2, 12, 0, 0, TimeSpan.Zero);
        await Grains.GetGrain<IAuthorityGrain>("la:ceredigion").GetAppliedSequence(); // active before the commit
        fixture.Ledger.Commit([new IncomingBatch([_records.Crime("g5-1", "la:ceredigion", "homicide", at)], WriterKeyId: null)]); // no push at all
        await Eventually.Equal(1L, () => Total("apb:dyfed", 2015));
    }

    [Fact]
    public async Task A_footprint_rebuilt_from_its_members_has_the_same_counts()
    {
        var at = new DateTimeOffset(2016, 8, 8, 12, 0, 0, TimeSpan.Zero);
        await fixture.CommitAndPublishAsync(
            Enumerable.Range(0, 30).Select(i => _records.Crime($"g6-{i}", i % 2 == 0 ? "la:swansea" : "la:neath-port-talbot", "homicide", at)).ToList());
        await Eventually.Equal(30L, () => Total("rpb:west-glamorgan", 2016));
        await Grains.GetGrain<IFootprintGrain>("rpb:west-glamorgan").Resync();
        Assert.Equal(30L, await Total("rpb:west-glamorgan", 2016));
        Assert.Equal(30L, await Total("nation:wales", 2016));
    }
}
