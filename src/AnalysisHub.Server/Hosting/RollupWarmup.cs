using AnalysisHub.Contracts;
using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Server.Hosting;

/// <summary>
/// Activates every authority grain once the silo is up, so each reloads its checkpoint, catches up from the
/// change log and starts flushing before the first query asks.
/// </summary>
internal sealed class RollupWarmup(IGrainFactory grains, GeographyRegistry geography, ILogger<RollupWarmup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(geography.Authorities.Select(a => grains.GetGrain<IAuthorityGrain>(a.Id).GetAppliedSequence()));
        await Task.WhenAll(geography.Footprints.Where(f => f.Members.Count > 1 && f.RollupId == f.Id)
            .Select(f => grains.GetGrain<IFootprintGrain>(f.Id).GetCellCount()));
        logger.LogInformation("Rollups ready: {Footprints} footprints active in {Elapsed} ms", geography.Footprints.Count, started.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
