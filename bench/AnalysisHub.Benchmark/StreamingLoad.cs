namespace AnalysisHub.Benchmark;

/// <summary>
/// Phase 4: many sources each posting small batches of new records as fast as they are acknowledged — the
/// live-feed shape, where the hub's group commit must share fsyncs between requests. Batches come from a pool
/// built beforehand; if the hub outruns the pool, ingestors generate more on the fly (and the result says so).
/// </summary>
public static class StreamingLoad
{
    /// <summary>Pool sized for three times the 20,000 records/s target.</summary>
    public const int PoolRecordsPerSecond = 60_000;

    public static async Task<StreamingResult> RunAsync(HubApi api, HubCatalog catalog, IReadOnlyList<RecordBatch> pool,
        int clients, int batchSize, TimeSpan warmup, TimeSpan duration, int seed, string idPrefix, ExpectedCounts expected)
    {
        var next = -1;
        long records = 0, batches = 0, lastAck = 0, errors = 0, inDoubt = 0, generatedOnTheFly = 0;
        var errorSamples = new List<string>();
        var latencies = new List<double>[clients];
        var start = Clock.Now;
        var measureFrom = warmup.TotalMilliseconds;
        var stopAt = (warmup + duration).TotalMilliseconds;

        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            RecordGenerator? spare = null;
            var mine = latencies[client] = new List<double>(8192);
            while (Clock.MillisecondsSince(start) < stopAt)
            {
                var index = Interlocked.Increment(ref next);
                RecordBatch batch;
                if (index < pool.Count) batch = pool[index];
                else
                {
                    spare ??= new RecordGenerator(catalog, unchecked(seed + 1000 + client), $"{idPrefix}x{client}-");
                    batch = spare.NextBatch(batchSize);
                    Interlocked.Increment(ref generatedOnTheFly);
                }

                var sent = Clock.Now;
                var measured = Clock.Milliseconds(start, sent) >= measureFrom;
                string? error;
                try
                {
                    var outcome = await api.PostBatchAsync(batch.Feed, batch.Body);
                    error = outcome.Counts is { } c
                        ? c.Accepted == batch.Records ? null : $"accepted {c.Accepted} of {batch.Records} new records ({c})"
                        : $"HTTP {outcome.Status}: {outcome.Error}";
                    // A 200 means the rows are durable whatever the counts say; anything else means none were applied.
                    if (outcome.Counts is not null)
                    {
                        expected.Add(batch);
                        Clock.StoreMax(ref lastAck, Clock.Now);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The hub may or may not have committed it: totals can no longer be predicted exactly.
                    Interlocked.Increment(ref inDoubt);
                    error = $"{e.GetType().Name}: {e.Message}";
                }
                var elapsed = Clock.MillisecondsSince(sent);
                if (!measured) continue;
                if (error is null)
                {
                    mine.Add(elapsed);
                    Interlocked.Add(ref records, batch.Records);
                    Interlocked.Increment(ref batches);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                    lock (errorSamples) if (errorSamples.Count < 10) errorSamples.Add(error);
                }
            }
        })));

        return new StreamingResult(clients, batchSize, duration.TotalSeconds, records, batches,
            Math.Round(records / duration.TotalSeconds), LatencySummary.From(latencies.SelectMany(l => l)),
            errors, inDoubt, generatedOnTheFly, errorSamples)
        {
            LastAckTimestamp = lastAck,
        };
    }
}

public sealed record StreamingResult(
    int Clients, int BatchSize, double Seconds, long Records, long Batches, double RecordsPerSecond,
    LatencySummary AckLatency, long Errors, long InDoubt, long BatchesGeneratedOnTheFly, IReadOnlyList<string> ErrorSamples)
{
    /// <summary>When the last 200 arrived: the post-streaming convergence is timed from here.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long LastAckTimestamp { get; init; }
}
