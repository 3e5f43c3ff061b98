using Orleans.Runtime;
using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Rollups;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnalysisHub.Grains;

/// <summary>
/// One local authority's cells. Fed by the ledger's numbered change log (pushed after each commit, pulled
/// when a number is missing), checkpointed to grain storage every few seconds, and flushed on a short timer
/// to every footprint that contains the authority — the only path by which counts reach partnerships.
/// </summary>
// Immovable: a silo that shuts down would otherwise try to move each authority elsewhere, which carries none of
// its cells (they come back from the checkpoint and the log wherever it is next called) and, on a hub of one
// silo, has nowhere to go and fills the log with placement errors at every Ctrl+C.
[Orleans.Placement.Immovable]
public sealed class AuthorityGrain(
    [PersistentState("checkpoint", StorageNames.Checkpoints)] IPersistentState<AuthorityCheckpoint> checkpoint,
    IChangeLog changeLog,
    GeographyRegistry geography,
    IOptions<RollupOptions> options,
    RollupMetrics metrics,
    ILogger<AuthorityGrain> logger) : RollupGrain, IAuthorityGrain
{
    private readonly RollupOptions _options = options.Value;
    private readonly Guid _epoch = Guid.NewGuid();
    private Authority _authority = null!;
    // The rollups this authority's flushes reach, as the registry last listed them: a footprint defined at run time
    // changes the list, and the next flush reaches it.
    private IReadOnlyList<string> _targetIds = [];
    private IReadOnlyList<IFootprintGrain> _containing = [];
    private string? _walesRollup;
    private IFootprintGrain? _wales;
    // Acknowledgement time of the oldest change applied but not yet flushed (0: none, or unknown).
    private long _oldestPendingCommitMs;
    private long _applied;
    private long _checkpointed;
    // Checkpoints interleave with calls, so one on deactivation could meet one from the timer: one at a time.
    private readonly SemaphoreSlim _checkpointing = new(1, 1);

    // Changes applied but not yet flushed to footprints, and the footprints that missed a flush.
    private Dictionary<CellKey, long> _pending = [];
    private long _flushSequence;
    private readonly HashSet<string> _needsResync = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // By its id only: a grain keyed by the authority's code would be a second copy of the same cells.
        _authority = geography.FindAuthority(this.GetPrimaryKeyString()) is { } a && a.Id == this.GetPrimaryKeyString()
            ? a
            : throw new ArgumentException($"'{this.GetPrimaryKeyString()}' is not a local authority");
        StartListening(_authority.Id);
        _walesRollup = geography.Footprints.FirstOrDefault(f => f.Kind == FootprintKind.Nation)?.RollupId;
        Containing();

        if (checkpoint.RecordExists && checkpoint.State.Fingerprint == changeLog.Fingerprint)
        {
            foreach (var (key, value) in CellCodec.Decode(checkpoint.State.Cells)) Cells.Add(key, value);
            _applied = _checkpointed = checkpoint.State.Sequence;
            await CatchUpAsync(cancellationToken);
        }
        else
        {
            // No checkpoint, or one made under another vocabulary or geography: recount from the records.
            var (sequence, cells) = await changeLog.RebuildAsync(_authority, cancellationToken);
            foreach (var (key, value) in cells.NonZeroCells()) Cells.Add(key, value);
            _applied = sequence;
            _checkpointed = -1;
        }
        logger.LogInformation("Authority {Authority} active at change {Sequence} with {Cells} cells", _authority.Id, _applied, Cells.Count);

        // Interleaving flush: a push awaits footprints, and ledger changes arriving meanwhile must not wait.
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(_options.FlushInterval, _options.FlushInterval)
        {
            Interleave = true,
            KeepAlive = true,
        });
        // Interleaving too: the state is encoded before the storage write is awaited, and queries must not
        // queue behind that write.
        this.RegisterGrainTimer(CheckpointAsync, new GrainTimerCreationOptions(_options.CheckpointInterval, _options.CheckpointInterval)
        {
            Interleave = true,
        });
        // Safety net for lost pushes when no later change arrives to reveal the gap (one indexed read).
        this.RegisterGrainTimer(async cancellation =>
        {
            if (await changeLog.CurrentSequenceAsync(_authority, cancellation) > _applied) await CatchUpAsync(cancellation);
        }, new GrainTimerCreationOptions(_options.LogCheckInterval, _options.LogCheckInterval) { Interleave = true });
        metrics.Activated("authority"); // last: a failed activation is never counted, nor deactivated
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Deactivated("authority");
        if (_applied != _checkpointed) await CheckpointAsync();
    }

    // The grain is not reentrant, so pushes never interleave with one another; while a push awaits the log, only
    // the interleaving timers run (see CatchUpAsync for why that cannot apply a change twice).
    public async Task ApplyChanges(long firstSequence, long lastSequence, byte[] cells, long committedAtUnixMs)
    {
        if (lastSequence <= _applied) return; // a repeat
        if (committedAtUnixMs > 0 && (_oldestPendingCommitMs == 0 || committedAtUnixMs < _oldestPendingCommitMs))
            _oldestPendingCommitMs = committedAtUnixMs;
        if (firstSequence == _applied + 1) Apply(lastSequence, cells);
        else await CatchUpAsync(CancellationToken.None); // a gap (or an overlap): some push was lost or overtaken; the log has every change in order
    }

    public Task<CellSnapshot> GetSnapshot()
    {
        // Footprints are told about changes at flush time, so the snapshot is the cells minus what is pending.
        var flushed = Cells.NonZeroCells().ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (key, delta) in _pending) flushed[key] = flushed.GetValueOrDefault(key) - delta;
        var nonZero = flushed.Where(kv => kv.Value != 0).ToList();
        return Task.FromResult(new CellSnapshot(_epoch, _flushSequence, CellCodec.Encode(nonZero)));
    }

    public Task<long> GetAppliedSequence() => Task.FromResult(_applied);

    public Task<MemberFlush> GetFlushPosition() => Task.FromResult(new MemberFlush(_epoch, _flushSequence));

    public Task<AuthorityCells> GetCells() =>
        Task.FromResult(new AuthorityCells(_applied, CellCodec.Encode(Cells.NonZeroCells().ToList())));

    private void Apply(long sequence, byte[] cells)
    {
        foreach (var (key, delta) in CellCodec.Decode(cells))
        {
            AddToCell(key, delta);
            _pending[key] = _pending.GetValueOrDefault(key) + delta;
        }
        _applied = sequence;
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var changes = await changeLog.ReadChangesAsync(_authority, _applied, cancellationToken);
        // The read is awaited, and the timers interleave: while it was out, a push (ApplyChanges) or the
        // log-check timer's own catch-up may have applied some of these changes. The loop below runs in one
        // turn with no await, so it sees a settled _applied: a change at or below it is skipped, never applied
        // twice, and one beyond _applied + 1 is still a hole in the log, as before.
        foreach (var (sequence, cells) in changes)
        {
            if (sequence <= _applied) continue;
            if (sequence != _applied + 1)
                throw new InvalidOperationException(
                    $"change log of {_authority.Id} jumps from {_applied} to {sequence}: changes were trimmed before being checkpointed");
            Apply(sequence, cells);
        }
    }

    private async Task FlushAsync()
    {
        Subscribers.Notify();
        var resync = _needsResync.ToList();
        _needsResync.Clear();
        foreach (var id in resync)
            await Push(GrainFactory.GetGrain<IFootprintGrain>(id), f => f.Resync());

        if (_pending.Count == 0) return;
        var deltas = _pending.Where(kv => kv.Value != 0).ToList();
        _pending = [];
        if (deltas.Count == 0) return;
        var sequence = ++_flushSequence;
        var payload = CellCodec.Encode(deltas);
        var oldestCommitMs = _oldestPendingCommitMs;
        _oldestPendingCommitMs = 0;
        await Task.WhenAll(Containing().Select(async f =>
        {
            var pushed = await Push(f, g => g.ApplyMemberChanges(_authority.Id, _epoch, sequence, payload));
            if (pushed && f == _wales && oldestCommitMs > 0)
                metrics.WalesLag(DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeMilliseconds(oldestCommitMs));
        }));
    }

    /// <summary>The footprint grains to flush to, looked up again only when the registry's list changed.</summary>
    private IReadOnlyList<IFootprintGrain> Containing()
    {
        var ids = geography.RollupTargets(_authority);
        if (ReferenceEquals(ids, _targetIds)) return _containing;
        _targetIds = ids;
        _containing = ids.Select(id => GrainFactory.GetGrain<IFootprintGrain>(id)).ToList();
        _wales = _containing.FirstOrDefault(f => f.GetPrimaryKeyString() == _walesRollup);
        return _containing;
    }

    private async Task<bool> Push(IFootprintGrain target, Func<IFootprintGrain, Task> call)
    {
        try
        {
            await call(target).WaitAsync(_options.PushTimeout);
            return true;
        }
        catch (Exception e)
        {
            // The footprint may or may not have applied it; a rebuild from snapshots is right either way.
            logger.LogWarning(e, "Push from {Authority} to {Footprint} failed; it will be resynchronised", _authority.Id, target.GetPrimaryKeyString());
            _needsResync.Add(target.GetPrimaryKeyString());
            return false;
        }
    }

    private async Task CheckpointAsync()
    {
        await _checkpointing.WaitAsync();
        try
        {
            if (_applied == _checkpointed) return;
            var sequence = _applied;
            checkpoint.State = new AuthorityCheckpoint
            {
                Fingerprint = changeLog.Fingerprint,
                Sequence = sequence,
                Cells = CellCodec.Encode(Cells.NonZeroCells().ToList()),
            };
            await checkpoint.WriteStateAsync();
            _checkpointed = sequence;
            await changeLog.TrimAsync(_authority, sequence);
        }
        finally
        {
            _checkpointing.Release();
        }
    }
}
