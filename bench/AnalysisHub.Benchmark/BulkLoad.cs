namespace AnalysisHub.Benchmark;

/// <summary>
/// Phase 1: pre-serialised batches posted by a few concurrent clients, each taking the next unsent batch.
/// Throughput is records over the wall time from the first POST to the last 200, i.e. to durability.
/// </summary>
public static class BulkLoad
{
    /// <summary>A 503 promises nothing was applied; retry it this many times, as a real loader would.</summary>
    private const int MaxAttempts = 5;

    public static async Task<BulkResult> RunAsync(HubApi api, IReadOnlyList<RecordBatch> batches, int clients, ExpectedCounts expected)
    {
        var next = -1;
        long lastAck = 0;
        long ackedRecords = 0, accepted = 0, updated = 0, duplicates = 0, stale = 0, cancelled = 0, retries = 0;
        var failures = new List<string>();
        var latencies = new List<double>[clients];

        var start = Clock.Now;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = latencies[client] = [];
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Count)
            {
                var batch = batches[index];
                for (var attempt = 1; ; attempt++)
                {
                    var sent = Clock.Now;
                    IngestOutcome outcome;
                    try
                    {
                        outcome = await api.PostBatchAsync(batch.Feed, batch.Body);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        lock (failures) failures.Add($"batch {index} ({batch.Feed}): {e.GetType().Name}: {e.Message}");
                        break;
                    }
                    if (outcome.Counts is { } c)
                    {
                        var acked = Clock.Now;
                        Clock.StoreMax(ref lastAck, acked);
                        mine.Add(Clock.Milliseconds(sent, acked));
                        Interlocked.Add(ref ackedRecords, batch.Records);
                        Interlocked.Add(ref accepted, c.Accepted);
                        Interlocked.Add(ref updated, c.Updated);
                        Interlocked.Add(ref duplicates, c.Duplicates);
                        Interlocked.Add(ref stale, c.Stale);
                        Interlocked.Add(ref cancelled, c.Cancelled);
                        expected.Add(batch);
                        // Every id is new, so anything but "accepted" for every row is a hub error.
                        if (c.Accepted != batch.Records)
                            lock (failures) failures.Add($"batch {index} ({batch.Feed}): accepted {c.Accepted} of {batch.Records} new records ({c})");
                        break;
                    }
                    if (outcome.Status == 503 && attempt < MaxAttempts)
                    {
                        Interlocked.Increment(ref retries);
                        await Task.Delay(outcome.RetryAfter ?? TimeSpan.FromSeconds(1));
                        continue;
                    }
                    lock (failures) failures.Add($"batch {index} ({batch.Feed}): HTTP {outcome.Status}: {outcome.Error}");
                    break;
                }
            }
        })));

        var records = batches.Sum(b => (long)b.Records);
        var seconds = lastAck == 0 ? 0 : Clock.Milliseconds(start, lastAck) / 1000;
        return new BulkResult(
            records, ackedRecords, batches.Count, clients, Math.Round(seconds, 3),
            seconds > 0 ? Math.Round(ackedRecords / seconds) : 0,
            accepted, updated, duplicates, stale, cancelled, retries,
            LatencySummary.From(latencies.SelectMany(l => l)), failures)
        {
            LastAckTimestamp = lastAck,
        };
    }
}

public sealed record BulkResult(
    long Records, long Acknowledged, int Batches, int Clients, double Seconds, double RecordsPerSecond,
    long Accepted, long Updated, long Duplicates, long Stale, long Cancelled, long Retries,
    LatencySummary BatchLatency, IReadOnlyList<string> Failures)
{
    /// <summary>When the last 200 arrived: convergence is timed from here.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long LastAckTimestamp { get; init; }
}
