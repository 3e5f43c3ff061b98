using Orleans.Concurrency;

namespace AnalysisHub.Contracts;

/// <summary>What every footprint grain answers: queries over its in-memory cells.</summary>
public interface IRollupGrain : IGrainWithStringKey
{
    /// <summary>A dense period series. Read-only: runs beside other reads, never queued behind a long write.</summary>
    [ReadOnly]
    Task<SeriesResponse> GetSeries(SeriesRequest request);

    /// <summary>Number of non-zero cells held: the grain's state size.</summary>
    [ReadOnly]
    Task<int> GetCellCount();
}
