using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Rollups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnalysisHub.Grains;

/// <summary>
/// What every footprint grain is: cells answering queries, and the web nodes listening for changes. The
/// subclasses differ only in how cells arrive (the ledger's change log, or member authorities' flushes).
/// </summary>
public abstract class RollupGrain : Grain, IRollupGrain
{
    protected CellTable Cells { get; } = new();

    protected RollupSubscribers Subscribers { get; private set; } = null!;

    /// <summary>Called once the grain knows which footprint it is.</summary>
    protected void StartListening(string rollupId) => Subscribers = new RollupSubscribers(rollupId, TimeProvider.System,
        ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<RollupSubscribers>());

    /// <summary>Adds to a cell and notes the change for listeners.</summary>
    protected void AddToCell(CellKey key, long delta)
    {
        Cells.Add(key, delta);
        Subscribers.Changed(key);
    }

    public virtual Task Subscribe(IRollupObserver observer)
    {
        Subscribers.Add(observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IRollupObserver observer)
    {
        Subscribers.Remove(observer);
        return Task.CompletedTask;
    }

    public Task<SeriesResult> GetSeries(SeriesQuery query) => Task.FromResult(SeriesCalculator.Calculate(Cells, query));

    public Task<long[]> GetHourOfWeekProfile(int feed, int[] categories, int firstMonth, int lastMonth)
    {
        var profile = new long[168];
        Cells.SumHourOfWeek(feed, categories, 0, firstMonth, lastMonth, profile);
        return Task.FromResult(profile);
    }

    public Task<FeedExtent[]> GetExtents() => Task.FromResult(Cells.Extents());

    public Task<int> GetCellCount() => Task.FromResult(Cells.Count);
}
