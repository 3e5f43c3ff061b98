using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Grains;

/// <summary>
/// The sum of a set of authorities — every footprint with exactly those members (RPB, APB and force of North
/// Wales are one) — each member counted once, however many other footprints contain it. Members push numbered deltas; a repeat is ignored, and a gap or a
/// member's new activation makes the footprint rebuild itself from every member's snapshot.
/// </summary>
public sealed class FootprintGrain(GeographyRegistry geography, IOptions<RollupOptions> options, RollupMetrics metrics, ILogger<FootprintGrain> logger)
    : RollupGrain, IFootprintGrain
{
    private IGrainTimer? _notifyTimer;
    private readonly Dictionary<string, (Guid Epoch, long Sequence)> _members = [];
    private Footprint _footprint = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        _footprint = geography.Find(key) is { } f && f.Members.Count > 1 && f.RollupId == f.Id
            ? f
            : throw new ArgumentException($"'{key}' is not the rollup of a multi-authority footprint");
        StartListening(_footprint.Id);
        await Resync();
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
            (Member: m, Snapshot: await GrainFactory.GetGrain<IAuthorityGrain>(m).GetSnapshot())));
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
