using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Rollups;
using Orleans.Concurrency;

namespace AnalysisHub.Contracts;

/// <summary>What every footprint grain answers: queries over its in-memory cells.</summary>
[Alias("AnalysisHub.IRollupGrain")]
public interface IRollupGrain : IGrainWithStringKey
{
    /// <summary>A dense period series. Read-only: runs beside other reads, never queued behind a long write.</summary>
    [ReadOnly, Alias("GetSeries")]
    Task<SeriesResult> GetSeries(SeriesQuery query);

    /// <summary>
    /// Registers a web node for change notifications, batched on a short timer. Observers are not durable:
    /// they lapse after <c>RollupSubscribers.Lifetime</c> unless renewed, and vanish if the grain deactivates,
    /// so a node renews its subscriptions periodically.
    /// </summary>
    [Alias("Subscribe")]
    Task Subscribe(IRollupObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IRollupObserver observer);

    /// <summary>
    /// Hour-of-week profile (168 slots, Monday 00:00 first, local time) of the feed's given categories, summed
    /// over months <paramref name="firstMonth"/>..<paramref name="lastMonth"/> (month indexes).
    /// </summary>
    [ReadOnly, Alias("GetHourOfWeekProfile")]
    Task<long[]> GetHourOfWeekProfile(int feed, int[] categories, int firstMonth, int lastMonth);

    /// <summary>Per feed, the first and last day holding any count (month-precision records span their month).</summary>
    [ReadOnly, Alias("GetExtents")]
    Task<FeedExtent[]> GetExtents();

    /// <summary>Number of non-zero cells held: the grain's state size.</summary>
    [ReadOnly, Alias("GetCellCount")]
    Task<int> GetCellCount();
}
