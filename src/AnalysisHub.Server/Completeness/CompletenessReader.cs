using System.Collections.Concurrent;
using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Completeness;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using AnalysisHub.Domain.Time;
using AnalysisHub.Domain.Vocabulary;
using AnalysisHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Completeness;

/// <summary>
/// Reads what <see cref="FeedCompleteness"/> judges: every authority's monthly counts of the feed (every category, no
/// flag) from its grain, by the series query every endpoint uses, and the suppliers' declarations from the store.
/// The completeness endpoint, series, comparisons and bulletins all read through here.
/// </summary>
// Implementation note: a judgement of a feed's months is kept for a second (Fresh) and shared by every query of the
// same feed and months on this node: a series of Wales would otherwise cost 22 more grain calls and a read of the
// store, and the flags need be no fresher than the rollups themselves (a second). A declaration made on this node
// drops its feed's judgements at once; one made on another node is seen within the second.
public sealed class CompletenessReader(IGrainFactory grains, GeographyRegistry geography, IDeliveryStore store, TimeProvider clock, IOptions<HubOptions> options)
{
    /// <summary>How long a judgement is reused.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);

    /// <summary>Judgements kept at most (of feeds × month spans); beyond it they are all dropped.</summary>
    private const int MaxKept = 4096;

    private readonly ConcurrentDictionary<(int Feed, int First, int Last), (long Until, Task<FeedCompleteness> Judged)> _kept = new();

    /// <summary>
    /// The feed's months <paramref name="firstMonth"/>..<paramref name="lastMonth"/> (month indexes) judged in every
    /// authority; months after the current one are not judged (nothing can be said of them yet).
    /// </summary>
    public Task<FeedCompleteness> ReadAsync(Feed feed, int firstMonth, int lastMonth)
    {
        lastMonth = Math.Min(lastMonth, MonthIndex.Of(LondonTime.Today(clock)));
        var key = (feed.Index, firstMonth, lastMonth);
        var now = clock.GetTimestamp();
        if (_kept.TryGetValue(key, out var kept) && kept.Until > now && !kept.Judged.IsFaulted && !kept.Judged.IsCanceled) return kept.Judged;
        if (_kept.Count >= MaxKept) _kept.Clear();
        var judged = JudgeAsync(feed, firstMonth, lastMonth);
        _kept[key] = (now + (long)(Fresh.TotalSeconds * clock.TimestampFrequency), judged);
        return judged;
    }

    /// <summary>The feed's months judged over the months of <paramref name="range"/>.</summary>
    public Task<FeedCompleteness> ReadAsync(Feed feed, DateRange range) => ReadAsync(feed, MonthIndex.Of(range.From), MonthIndex.Of(range.To));

    /// <summary>Drops the feed's kept judgements: a declaration of it was stored.</summary>
    public void Forget(Feed feed)
    {
        foreach (var key in _kept.Keys)
            if (key.Feed == feed.Index) _kept.TryRemove(key, out _);
    }

    private async Task<FeedCompleteness> JudgeAsync(Feed feed, int firstMonth, int lastMonth)
    {
        if (lastMonth < firstMonth) return FeedCompleteness.Judge(firstMonth, lastMonth, new Dictionary<Authority, long[]>(), (_, _) => null);
        var authorities = geography.Authorities;
        var query = new SeriesQuery(feed.Index, feed.Categories.Select(c => c.Index).ToList(), 0,
            new DateRange(MonthIndex.FirstDay(firstMonth - CompletenessRule.HistoryMonths), MonthIndex.LastDay(lastMonth)), Granularity.Month);
        var timeout = options.Value.GrainCallTimeout;
        var series = await Task.WhenAll(authorities.Select(a => RollupGrains.For(grains, a.Footprint).GetSeries(query).WaitAsync(timeout)));
        var counts = new Dictionary<Authority, long[]>();
        for (var i = 0; i < authorities.Count; i++) counts[authorities[i]] = series[i].Points.Select(p => p.Count).ToArray();

        var declared = (await store.ListAsync(feed.Id, firstMonth, lastMonth))
            .ToDictionary(d => (d.Authority, d.Month), d => d.Status);
        return FeedCompleteness.Judge(firstMonth, lastMonth, counts,
            (authority, month) => declared.TryGetValue((authority.Code, month), out var status) ? status : null);
    }
}

/// <summary>The flag a series point, comparison row or bulletin measure carries.</summary>
internal static class IncompleteFlag
{
    /// <summary>The ids of the footprint's members incomplete in the part of a period inside <paramref name="range"/>, on the figure's boundaries.</summary>
    public static IReadOnlyList<string> IncompleteIn(this FeedCompleteness completeness, Footprint footprint, DateOnly start, DateOnly end, DateRange range,
        Boundaries boundaries = Boundaries.Current) =>
        completeness.IncompleteMembers(footprint, start < range.From ? range.From : start, end > range.To ? range.To : end, boundaries)
            .Select(a => a.Id).ToList();
}
