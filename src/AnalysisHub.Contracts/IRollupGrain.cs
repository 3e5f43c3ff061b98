using Orleans.Concurrency;

namespace AnalysisHub.Contracts;

/// <summary>What every footprint grain answers: queries over its in-memory cells.</summary>
public interface IRollupGrain : IGrainWithStringKey
{
    /// <summary>A dense period series. Read-only: runs beside other reads, never queued behind a long write.</summary>
    [ReadOnly]
    Task<SeriesResponse> GetSeries(SeriesRequest request);

    /// <summary>
    /// Registers a web node for change notifications, batched on a short timer. Observers are not durable:
    /// they lapse after <c>RollupSubscribers.Lifetime</c> unless renewed, and vanish if the grain deactivates,
    /// so a node renews its subscriptions periodically.
    /// </summary>
    [Alias("Subscribe")]
    Task Subscribe(IRollupObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IRollupObserver observer);

    /// <summary>Number of non-zero cells held: the grain's state size.</summary>
    [ReadOnly]
    Task<int> GetCellCount();
}
