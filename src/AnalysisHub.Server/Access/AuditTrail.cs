using System.Threading.Channels;
using AnalysisHub.Domain.Access;

namespace AnalysisHub.Server.Access;

/// <summary>
/// Writes audit entries in batches, off the request path: a request only queues its entry, and the writer stores
/// what has gathered every <see cref="BatchInterval"/> in one transaction — so auditing reads costs them nothing
/// measurable, and an entry is listed within a second. While the store is down the entries wait and are retried;
/// on shutdown the queue is written out.
/// </summary>
public sealed class AuditTrail(IAuditLog log, ILogger<AuditTrail> logger) : BackgroundService
{
    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(200);

    private const int MaxBatch = 5000;

    private readonly Channel<AuditEntry> _queue = Channel.CreateUnbounded<AuditEntry>(new UnboundedChannelOptions { SingleReader = true });

    public void Record(AuditEntry entry) => _queue.Writer.TryWrite(entry);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(BatchInterval, stoppingToken);
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var entry)) batch.Add(entry);
                await WriteAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: what is queued is written below
        }
        while (_queue.Reader.TryRead(out var entry)) batch.Add(entry);
        if (batch.Count > 0) await WriteAsync(batch, CancellationToken.None, once: true);
    }

    private async Task WriteAsync(List<AuditEntry> batch, CancellationToken cancellationToken, bool once = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await log.AppendAsync(batch, cancellationToken);
                batch.Clear();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("{Count} audit entries not yet stored (attempt {Attempt}): {Reason}", batch.Count, attempt, e.Message);
                if (once && attempt >= 3) return;
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), cancellationToken);
            }
        }
    }
}
