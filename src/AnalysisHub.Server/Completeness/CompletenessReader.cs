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
// Implementation note: one judgement per feed is kept for a second (Fresh) and shared by every query of the feed on
// this node, whatever months it asks for: the judgement spans every month asked of the feed so far (a month's status
// depends only on it and the twelve before it, so a wider judgement answers a narrower question the same). Keyed by
// the months asked, the dashboards' and analysts' many different windows would each miss, and each miss costs 22
// grain calls and a read of the store. The flags need be no fresher than the rollups themselves (a second). A
// declaration made on this node drops its feed's judgement at once; one made on another node is seen within the second.
public sealed class CompletenessReader(IGrainFactory grains, GeographyRegistry geography, IDeliveryStore store, TimeProvider clock, IOptions<HubOptions> options)
{
    /// <summary>How long a judgement is reused.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);

    private sealed record Kept(long Until, int First, int Last, Task<FeedCompleteness> Judged);

    private readonly ConcurrentDictionary<int, Kept> _kept = new();
    // One judgement started at a time: the queries that find the kept one stale together share the next.
    private readonly Lock _judging = new();

    /// <summary>
    /// The feed's months <paramref name="firstMonth"/>..<paramref name="lastMonth"/> (month indexes) judged in every
    /// authority; months after the current one are not judged (nothing can be said of them yet).
    /// </summary>
    public Task<FeedCompleteness> ReadAsync(Feed feed, int firstMonth, int lastMonth)
    {
        lastMonth = Math.Min(lastMonth, MonthIndex.Of(LondonTime.Today(clock)));
        if (Answers(feed, firstMonth, lastMonth) is { } judged) return judged;
        lock (_judging)
        {
            if (Answers(feed, firstMonth, lastMonth) is { } meanwhile) return meanwhile;
            var usable = _kept.TryGetValue(feed.Index, out var kept) && !kept.Judged.IsFaulted && !kept.Judged.IsCanceled;
            // The span grows to every month asked of the feed (it never shrinks: the same windows come back).
            var (first, last) = usable ? (Math.Min(kept!.First, firstMonth), Math.Max(kept.Last, lastMonth)) : (firstMonth, lastMonth);
            var next = JudgeAsync(feed, first, last);
            _kept[feed.Index] = new Kept(clock.GetTimestamp() + (long)(Fresh.TotalSeconds * clock.TimestampFrequency), first, last, next);
            return next;
        }
    }

    /// <summary>The kept judgement of the feed when it is fresh, sound and spans the months; otherwise null.</summary>
    private Task<FeedCompleteness>? Answers(Feed feed, int firstMonth, int lastMonth) =>
        _kept.TryGetValue(feed.Index, out var kept) && kept.Until > clock.GetTimestamp() && !kept.Judged.IsFaulted && !kept.Judged.IsCanceled &&
        kept.First <= firstMonth && kept.Last >= lastMonth
            ? kept.Judged
            : null;

    /// <summary>The feed's months judged over the months of <paramref name="range"/>.</summary>
    public Task<FeedCompleteness> ReadAsync(Feed feed, DateRange range) => ReadAsync(feed, MonthIndex.Of(range.From), MonthIndex.Of(range.To));

    /// <summary>Drops the feed's kept judgements: a declaration of it was stored.</summary>
    public void Forget(Feed feed)
    {
        _kept.TryRemove(feed.Index, out _);
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
    /// <summary>The ids of the footprint's members incomplete in the part of a period inside <paramref name="range"/>, on the figure's boundaries; null when none is.</summary>
    public static IReadOnlyList<string>? IncompleteIn(this FeedCompleteness completeness, Footprint footprint, DateOnly start, DateOnly end, DateRange range,
        Boundaries boundaries = Boundaries.Current) =>
        completeness.IncompleteMembers(footprint, start < range.From ? range.From : start, end > range.To ? range.To : end, boundaries) is { Count: > 0 } members
            ? members.Select(a => a.Id).ToList()
            : null;
}
