using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Grains;

/// <summary>
/// The sum of a set of authorities — every footprint with exactly those members (RPB, APB and force of North
/// Wales are one) — each member counted once, however many other footprints contain it. Members push numbered deltas; a repeat is ignored, and a gap or a
/// member's new activation makes the footprint rebuild itself from every member's snapshot.
/// </summary>
public sealed class FootprintGrain(GeographyRegistry geography, IDefinedFootprints defined, IOptions<RollupOptions> options,
    RollupMetrics metrics, IHostApplicationLifetime lifetime, ILogger<FootprintGrain> logger)
    : RollupGrain, IFootprintGrain
{
    private IGrainTimer? _notifyTimer;
    private readonly Dictionary<string, (Guid Epoch, long Sequence)> _members = [];
    private Footprint _footprint = null!;
    // Members whose flush position differed from the one held at the last check (null: none).
    private Dictionary<string, MemberFlush>? _differingAtLastCheck;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        // Defined through another node a moment ago: read the store rather than refuse.
        if (geography.Find(key) is null && key.StartsWith(FootprintDefinition.IdPrefix, StringComparison.Ordinal))
            await defined.RefreshAsync(cancellationToken);
        _footprint = geography.Find(key) is { } f && !f.IsAnsweredByAuthority && f.RollupId == f.Id
            ? f
            : throw new ArgumentException($"'{key}' is not the rollup of a multi-authority footprint");
        StartListening(_footprint.Id);
        await Resync();
        // Not interleaving: a resync must not run beside ApplyMemberChanges.
        this.RegisterGrainTimer(CheckMembersAsync, new GrainTimerCreationOptions(options.Value.LogCheckInterval, options.Value.LogCheckInterval));
        metrics.Activated("footprint"); // last: a failed activation is never counted, nor deactivated
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Deactivated("footprint");
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task Resync()
    {
        var snapshots = await Task.WhenAll(_footprint.Members.Select(async m =>
            (Member: m.Id, Snapshot: await GrainFactory.GetGrain<IAuthorityGrain>(m.Id).GetSnapshot())));
        Cells.Clear();
        _members.Clear();
        foreach (var (member, snapshot) in snapshots)
        {
            foreach (var (key, value) in CellCodec.Decode(snapshot.Cells)) Cells.Add(key, value);
            _members[member] = (snapshot.Epoch, snapshot.FlushSequence);
        }
        Subscribers?.Reset();
        logger.LogDebug("Footprint {Footprint} rebuilt from {Members} members: {Cells} cells", _footprint.Id, snapshots.Length, Cells.Count);
    }

    /// <summary>
    /// Safety net for a footprint that no flush will ever correct: a member that came back in a new activation
    /// with nothing new to flush (its recount already held the change that woke it), a flush lost with a silo,
    /// or a second activation of this footprint left behind while a silo was failing. Members are asked where
    /// their flushes stand; a difference seen twice in a row, unchanged, is not a flush in flight, and the
    /// footprint rebuilds itself from its members' snapshots.
    /// </summary>
    private async Task CheckMembersAsync()
    {
        // A silo shutting down deactivates members before this footprint: asking them would place new activations
        // on a silo that takes none, and the check has nothing to correct that the next start will not rebuild.
        if (lifetime.ApplicationStopping.IsCancellationRequested) return;
        try
        {
            var positions = await Task.WhenAll(_footprint.Members.Select(async m =>
                (Member: m.Id, Flush: await GrainFactory.GetGrain<IAuthorityGrain>(m.Id).GetFlushPosition().WaitAsync(options.Value.PushTimeout))));
            var differing = positions
                .Where(p => !_members.TryGetValue(p.Member, out var held) || new MemberFlush(held.Epoch, held.Sequence) != p.Flush)
                .ToDictionary(p => p.Member, p => p.Flush);
            var stuck = _differingAtLastCheck is { } before && differing.Any(d => before.TryGetValue(d.Key, out var was) && was == d.Value);
            _differingAtLastCheck = differing.Count > 0 ? differing : null;
            if (!stuck) return;
            logger.LogInformation("Footprint {Footprint} behind its members' flushes; rebuilding from their snapshots", _footprint.Id);
            await Resync();
            _differingAtLastCheck = null;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // A member on a failing silo: the next check asks again.
            logger.LogDebug(e, "Footprint {Footprint} could not check its members", _footprint.Id);
        }
    }

    public Task ApplyMemberChanges(string memberId, Guid epoch, long flushSequence, byte[] deltas)
    {
        if (!_members.TryGetValue(memberId, out var known))
            throw new ArgumentException($"'{memberId}' is not a member of {_footprint.Id}");
        if (known.Epoch == epoch && flushSequence <= known.Sequence) return Task.CompletedTask; // a repeat
        if (known.Epoch != epoch || flushSequence != known.Sequence + 1) return Resync(); // missed flushes
        foreach (var (key, delta) in CellCodec.Decode(deltas)) AddToCell(key, delta);
        _members[memberId] = (epoch, flushSequence);
        return Task.CompletedTask;
    }

    public Task<FootprintCells> GetCells() => Task.FromResult(new FootprintCells(
        CellCodec.Encode(Cells.NonZeroCells().ToList()),
        _members.ToDictionary(m => m.Key, m => new MemberFlush(m.Value.Epoch, m.Value.Sequence))));

    public override Task Subscribe(IRollupObserver observer)
    {
        // Notifications run on a timer only while someone listens.
        _notifyTimer ??= this.RegisterGrainTimer(() =>
        {
            Subscribers.Notify();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(options.Value.FlushInterval, options.Value.FlushInterval) { Interleave = true });
        return base.Subscribe(observer);
    }
}
