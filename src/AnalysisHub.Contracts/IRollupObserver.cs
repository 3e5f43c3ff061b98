using Orleans.Concurrency;

namespace AnalysisHub.Contracts;

/// <summary>A web node listening to rollups; one per node, however many clients it serves.</summary>
[Alias("AnalysisHub.IRollupObserver")]
public interface IRollupObserver : IGrainObserver
{
    /// <summary>One-way: a slow or dead node never holds up the grain that notifies it.</summary>
    [OneWay, Alias("RollupChanged")]
    Task RollupChanged(RollupChange change);
}
