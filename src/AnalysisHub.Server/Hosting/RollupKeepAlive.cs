using AnalysisHub.Contracts;
using AnalysisHub.Domain.Geography;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Server.Hosting;

/// <summary>
/// Keeps every authority and shared footprint grain active: touches each once the node is up, so each reloads its
/// checkpoint, catches up from the change log and starts flushing before the first query asks; then touches them
/// again every <see cref="HubOptions.RollupKeepAlive"/>, which brings back any grain lost with a silo.
/// </summary>
// Implementation note: the periodic touch is what makes a cluster heal without traffic. A grain lost with a
// silo comes back only when something calls it; until then the footprints it feeds hold its last flush. The
// touch re-activates it elsewhere within one period: it reloads its checkpoint, catches up from the log and
// flushes under a new epoch, and its footprints rebuild from member snapshots. ~50 cheap calls per period.
internal sealed class RollupKeepAlive(
    IGrainFactory grains, GeographyRegistry geography, IOptions<HubOptions> options, ILogger<RollupKeepAlive> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TouchAllAsync(stoppingToken);
                logger.LogInformation("Rollups ready: {Footprints} footprints active in {Elapsed} ms", geography.Footprints.Count, started.ElapsedMilliseconds);
                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A gateway can start before the silos, a silo before its peers settle: keep trying (quietly: it is expected).
                logger.LogDebug("Rollups not ready yet ({Reason}); retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }

        using var timer = new PeriodicTimer(options.Value.RollupKeepAlive);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TouchAllAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(e, "Rollup keep-alive touch failed; the next one retries");
            }
        }
    }

    private async Task TouchAllAsync(CancellationToken cancel)
    {
        var timeout = options.Value.GrainCallTimeout;
        await Task.WhenAll(geography.Authorities.Select(a => grains.GetGrain<IAuthorityGrain>(a.Id).GetAppliedSequence().WaitAsync(timeout, cancel)));
        await Task.WhenAll(geography.Footprints.Where(f => !f.IsAnsweredByAuthority && f.RollupId == f.Id)
            .Select(f => grains.GetGrain<IFootprintGrain>(f.Id).GetCellCount().WaitAsync(timeout, cancel)));
    }
}
