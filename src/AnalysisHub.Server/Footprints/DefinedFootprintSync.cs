using AnalysisHub.Domain.Geography;

namespace AnalysisHub.Server.Footprints;

/// <summary>
/// Keeps this node's registry in step with the defined footprints of the store: loaded before the node serves, then
/// read again every <see cref="PollInterval"/>, so a footprint defined or deleted through any node of a cluster is
/// answered for (or no longer) by every node within about a second. Changes made through this node apply here at once.
/// </summary>
public sealed class DefinedFootprintSync(IFootprintDefinitionStore store, GeographyRegistry geography, TimeProvider clock,
    ILogger<DefinedFootprintSync> logger) : BackgroundService, IDefinedFootprints
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _refreshing = new(1, 1);

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var stored = await store.ListAsync(cancellationToken);
            var ids = stored.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in geography.Defined.Where(d => !ids.Contains(d.Id))) geography.Remove(gone.Id);
            foreach (var definition in stored.Where(d => geography.Find(d.Id) is null))
            {
                // A definition the geography can no longer hold (a member gone from the geography file, or a shipped
                // footprint now using its id) stays stored, unanswered, and said once per start.
                if (definition.Members.Any(m => geography.FindAuthority(m) is null) || geography.Define(definition) is null)
                    logger.LogWarning("Defined footprint {Footprint} does not fit this geography and is not served", definition.Id);
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The footprints last read stay in force while the store does not answer.
                logger.LogWarning("Defined footprints not refreshed: {Reason}", e.Message);
            }
        }
    }
}
