using System.Diagnostics;
using System.Threading.Channels;
using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Records;
using AnalysisHub.Storage;

namespace AnalysisHub.Server.Ingest;

/// <summary>
/// Group commit: concurrent ingest requests queue their batches; one writer takes everything waiting
/// (up to <see cref="LedgerOptions.MaxRowsPerCommit"/> rows), commits it in one transaction, answers every
/// request, then hands the changes to the grains. Twenty clients posting 100 rows each share one fsync.
/// Every other write of the ledger — withdrawing a key's writes — goes through the same queue and runs alone
/// between two commits, so the ledger has one writer and the grains receive the changes in the order made.
/// </summary>
// Implementation note: this is the host's pipeline, not the storage's: the ledger only commits (IRecordLedger),
// and the grains are reached through the change-sink port, so neither Storage nor the grains know of the other.
public sealed class GroupCommitPipeline : IAsyncDisposable
{
    /// <summary>A unit of work for the writer: a batch to commit with others, or a withdrawal to run alone.</summary>
    private abstract record Work(ActivityContext Request);

    private sealed record Pending(IncomingBatch Batch, TaskCompletionSource<IngestCounts> Done, ActivityContext Request) : Work(Request);

    private sealed record Withdrawal(string KeyId, TaskCompletionSource<WithdrawalResult> Done, ActivityContext Request) : Work(Request);

    private sealed record Published(IReadOnlyList<AuthorityChanges> Changes, ActivityContext Commit);

    /// <summary>Traces of commits and of the change delivery that follows (source <c>AnalysisHub.Ledger</c>).</summary>
    public static readonly ActivitySource Activities = new("AnalysisHub.Ledger");

    private readonly IRecordLedger _ledger;
    private readonly IChangeSink _sink;
    private readonly ILogger<GroupCommitPipeline> _logger;
    private readonly int _maxRowsPerCommit;
    private readonly Channel<Work> _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(256)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly Channel<Published> _published = Channel.CreateUnbounded<Published>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _commitLoop;
    private readonly Task _publishLoop;

    public GroupCommitPipeline(IRecordLedger ledger, IChangeSink sink, LedgerOptions options, ILogger<GroupCommitPipeline> logger)
    {
        _ledger = ledger;
        _sink = sink;
        _logger = logger;
        _maxRowsPerCommit = options.MaxRowsPerCommit;
        // SQLite calls are synchronous: the commit loop gets a thread of its own rather than a pool thread.
        _commitLoop = Task.Factory.StartNew(CommitLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        _publishLoop = Task.Run(PublishLoop);
    }

    /// <summary>Queues a validated batch (with the key that sent it); completes once it is durable, with its counts.</summary>
    public async Task<IngestCounts> SubmitAsync(IncomingBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return new IngestCounts(0, 0, 0, 0, 0);
        var pending = new Pending(batch, new TaskCompletionSource<IngestCounts>(TaskCreationOptions.RunContinuationsAsynchronously),
            Activity.Current?.Context ?? default);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        // Once queued, the batch will be committed whether or not the caller still waits.
        return await pending.Done.Task;
    }

    /// <summary>
    /// Queues the withdrawal of a key's writes (<see cref="IRecordLedger.WithdrawWrites"/>): batches queued before
    /// it are committed before it, those queued after it after it. Completes once it is durable.
    /// </summary>
    public async Task<WithdrawalResult> WithdrawWritesAsync(string keyId, CancellationToken cancellationToken)
    {
        var withdrawal = new Withdrawal(keyId, new TaskCompletionSource<WithdrawalResult>(TaskCreationOptions.RunContinuationsAsynchronously),
            Activity.Current?.Context ?? default);
        await _queue.Writer.WriteAsync(withdrawal, cancellationToken);
        return await withdrawal.Done.Task;
    }

    private async Task CommitLoop()
    {
        var group = new List<Pending>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            if (reader.TryPeek(out var first) && first is Withdrawal withdrawal)
            {
                reader.TryRead(out _); // the one reader: what it read is what it peeked at
                Withdraw(withdrawal);
                continue;
            }
            group.Clear();
            var rows = 0;
            // A group stops at a withdrawal, which runs on its own after it.
            while (rows < _maxRowsPerCommit && reader.TryPeek(out var next) && next is Pending pending && reader.TryRead(out _))
            {
                group.Add(pending);
                rows += pending.Batch.Count;
            }
            if (group.Count == 0) continue;
            // The commit belongs to the first request's trace and is linked from the others it carried, so an
            // ingest request's trace runs through the commit to the grain calls that deliver its changes.
            using var activity = Activities.StartActivity(ActivityKind.Internal, group[0].Request,
                links: group.Skip(1).Where(p => p.Request != default).Select(p => new ActivityLink(p.Request)), name: "ledger commit");
            activity?.SetTag("hub.batches", group.Count);
            activity?.SetTag("hub.rows", rows);
            try
            {
                var result = _ledger.Commit(group.Select(p => p.Batch).ToList());
                for (var i = 0; i < group.Count; i++) group[i].Done.TrySetResult(result.Counts[i]);
                Publish(result.Changes, activity);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Commit of {Batches} batches ({Rows} rows) failed; nothing of them was applied", group.Count, rows);
                var failure = new LedgerUnavailableException("the record ledger could not commit the batch", e);
                activity?.SetStatus(ActivityStatusCode.Error, e.Message);
                foreach (var p in group) p.Done.TrySetException(failure);
            }
        }
        _published.Writer.TryComplete();
    }

    private void Withdraw(Withdrawal withdrawal)
    {
        using var activity = Activities.StartActivity(ActivityKind.Internal, withdrawal.Request, name: "ledger withdrawal");
        activity?.SetTag("hub.key", withdrawal.KeyId);
        try
        {
            var result = _ledger.WithdrawWrites(withdrawal.KeyId);
            withdrawal.Done.TrySetResult(result);
            Publish(result.Changes, activity);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Withdrawing the writes of key {Key} failed; nothing of it was applied", withdrawal.KeyId);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            withdrawal.Done.TrySetException(new LedgerUnavailableException("the record ledger could not withdraw the key's writes", e));
        }
    }

    /// <summary>Hands durable changes to the publish loop, stamped with when they were acknowledged.</summary>
    private void Publish(IReadOnlyList<AuthorityChanges> changes, Activity? activity)
    {
        if (changes.Count == 0) return;
        var committedAt = DateTimeOffset.UtcNow;
        _published.Writer.TryWrite(new Published(changes.Select(c => c with { CommittedAt = committedAt }).ToList(), activity?.Context ?? default));
    }

    private async Task PublishLoop()
    {
        var reader = _published.Reader;
        while (await reader.WaitToReadAsync())
        {
            // Everything committed since the last round goes out together, one call per authority: when the
            // grains are slower than the commits for a while, they catch up instead of falling further behind.
            var waiting = new List<AuthorityChanges>();
            var commits = new List<ActivityContext>();
            while (reader.TryRead(out var published))
            {
                waiting.AddRange(published.Changes);
                if (published.Commit != default) commits.Add(published.Commit);
            }
            var coalesced = AuthorityChanges.Coalesce(waiting);
            using var activity = Activities.StartActivity(ActivityKind.Internal, commits.FirstOrDefault(),
                links: commits.Skip(1).Select(c => new ActivityLink(c)), name: "deliver changes");
            activity?.SetTag("hub.authorities", coalesced.Count);
            try
            {
                await _sink.PublishAsync(coalesced);
            }
            catch (Exception e)
            {
                // Harmless to lose: every receiver finds its missed changes in the change log (gap check).
                _logger.LogWarning(e, "Publishing {Count} authority changes failed; receivers will catch up from the log", coalesced.Count);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _commitLoop;
        await _publishLoop;
    }
}
