using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Admin;

/// <summary>
/// Recounts every authority's cells from the ledger and compares them with its grain, then compares every
/// multi-authority footprint with the sum of its members. Ingest goes on meanwhile, so each comparison is made
/// at one change number: a grain that is ahead of the recount has the log's later changes taken off again, one
/// that is behind is given time to catch up, and only what remains is reported.
/// </summary>
public sealed class RecountAudit(
    IChangeLog ledger, IGrainFactory grains, GeographyRegistry geography, FeedCatalog catalog, TimeProvider clock,
    IOptions<HubOptions> options, ILogger<RecountAudit> logger)
{
    /// <summary>How long a grain behind the ledger, or a footprint between flushes, is waited for.</summary>
    public static readonly TimeSpan CatchUpWithin = TimeSpan.FromSeconds(10);

    private const int Attempts = 3;

    public async Task<VerifyReport> RunAsync(CancellationToken cancellationToken)
    {
        var differences = new List<VerifyDifference>();
        foreach (var authority in geography.Authorities)
            differences.AddRange(await VerifyAuthorityAsync(authority, cancellationToken));
        var rollups = geography.Footprints.Where(f => !f.IsAnsweredByAuthority && f.RollupId == f.Id).ToList();
        foreach (var footprint in rollups)
            differences.AddRange(await VerifyFootprintAsync(footprint, cancellationToken));
        if (differences.Count > 0)
            logger.LogWarning("Recount audit found {Differences} differing cells", differences.Count);
        return new VerifyReport(clock.GetUtcNow(), geography.Authorities.Count,
            geography.Footprints.Count(f => !f.IsAuthority), differences);
    }

    private async Task<IEnumerable<VerifyDifference>> VerifyAuthorityAsync(Authority authority, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IAuthorityGrain>(authority.Id);
        List<CellDifference> differences = [];
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (sequence, recount) = await ledger.RebuildAsync(authority, cancellationToken);
            var held = await CaughtUpAsync(grain, sequence, cancellationToken);
            var cells = CellCodec.Decode(held.Cells).ToDictionary(kv => kv.Key, kv => kv.Value);
            if (held.Sequence > sequence && !await TakeOffLaterChangesAsync(authority, sequence, held.Sequence, cells, cancellationToken))
                continue; // the log was trimmed past the recount meanwhile: recount again
            differences = CellDifference.Between(cells, recount.NonZeroCells());
            break;
        }
        return differences.Select(d => Describe(authority.Id, d));
    }

    /// <summary>The grain's cells once it has applied at least <paramref name="sequence"/>, or as they are when time runs out.</summary>
    private async Task<AuthorityCells> CaughtUpAsync(IAuthorityGrain grain, long sequence, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var held = await grain.GetCells().WaitAsync(options.Value.GrainCallTimeout, cancellationToken);
            if (held.Sequence >= sequence || waited.Elapsed > CatchUpWithin) return held;
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Removes changes after <paramref name="from"/> up to <paramref name="through"/>; false when the log no longer has them all.</summary>
    private async Task<bool> TakeOffLaterChangesAsync(Authority authority, long from, long through, Dictionary<CellKey, long> cells,
        CancellationToken cancellationToken)
    {
        var expected = from + 1;
        foreach (var (sequence, encoded) in await ledger.ReadChangesAsync(authority, from, cancellationToken))
        {
            if (sequence > through) break;
            if (sequence != expected++) return false;
            foreach (var (key, delta) in CellCodec.Decode(encoded)) cells[key] = cells.GetValueOrDefault(key) - delta;
        }
        return expected == through + 1;
    }

    private async Task<IEnumerable<VerifyDifference>> VerifyFootprintAsync(Footprint footprint, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IFootprintGrain>(footprint.Id);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var held = await grain.GetCells().WaitAsync(options.Value.GrainCallTimeout, cancellationToken);
            var snapshots = await Task.WhenAll(footprint.Members.Select(async m =>
                (Member: m.Id, Snapshot: await grains.GetGrain<IAuthorityGrain>(m.Id).GetSnapshot().WaitAsync(options.Value.GrainCallTimeout, cancellationToken))));
            var differences = CellDifference.Between(CellCodec.Decode(held.Cells),
                snapshots.SelectMany(s => CellCodec.Decode(s.Snapshot.Cells)));
            // Comparable only when the footprint holds exactly the flushes the snapshots are at.
            var atSameFlushes = snapshots.All(s => held.Members.TryGetValue(s.Member, out var flush) &&
                                                   flush == new MemberFlush(s.Snapshot.Epoch, s.Snapshot.FlushSequence));
            if (differences.Count == 0 || atSameFlushes || waited.Elapsed > CatchUpWithin)
                return differences.Select(d => Describe(footprint.Id, d));
            await Task.Delay(50, cancellationToken);
        }
    }

    private VerifyDifference Describe(string footprint, CellDifference difference)
    {
        var key = difference.Key;
        var feed = catalog.Feeds[key.Feed];
        var category = key.Category < feed.Categories.Count ? feed.Categories[key.Category].Id : null;
        var (day, hourOfWeek) = key.Kind switch
        {
            CellKind.Day => (DateOnly.FromDayNumber(key.Time).ToString("yyyy-MM-dd"), (int?)null),
            CellKind.HourOfWeek => (MonthIndex.FirstDay(key.Time).ToString("yyyy-MM"), key.Slot),
            _ => (MonthIndex.FirstDay(key.Time).ToString("yyyy-MM"), (int?)null),
        };
        return new VerifyDifference(footprint, feed.Id, category, day, difference.Held, difference.Recounted,
            catalog.FlagNames(key.Flags).ToList(), hourOfWeek);
    }
}
