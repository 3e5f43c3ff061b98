namespace AnalysisHub.Benchmark;

/// <summary>
/// Phase 3: many clients issuing random series queries back to back (closed loop), as dashboards do.
/// Only queries started after the warm-up count; latency is to the last byte of the answer.
/// </summary>
public static class QueryLoad
{
    private static readonly string[] Granularities = ["day", "week", "month", "quarter", "year"];
    private const int Months = 24; // the data window: 2024-01 .. 2025-12

    public static async Task<QueryResult> RunAsync(IReadOnlyList<HubApi> callers, HubCatalog catalog, TimeSpan warmup, TimeSpan duration, int seed,
        string prefix = HubApi.PartnerPrefix)
    {
        var clients = callers.Count;
        var errors = 0L;
        var errorSamples = new List<string>();
        var latencies = new List<double>[clients];
        var start = Clock.Now;
        var measureFrom = warmup.TotalMilliseconds;
        var stopAt = (warmup + duration).TotalMilliseconds;

        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var api = callers[client];
            var random = new Random(unchecked(seed * 7919 + client)); // each client its own deterministic stream
            var mine = latencies[client] = new List<double>(4096);
            while (Clock.MillisecondsSince(start) < stopAt)
            {
                var path = RandomQuery(random, catalog, prefix);
                var sent = Clock.Now;
                var measured = Clock.Milliseconds(start, sent) >= measureFrom;
                string? error;
                try
                {
                    var (status, problem) = await api.GetAsync(path);
                    error = status == 200 ? null : $"HTTP {status} {path}: {problem}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    error = $"{e.GetType().Name} {path}: {e.Message}";
                }
                var elapsed = Clock.MillisecondsSince(sent);
                if (!measured) continue;
                if (error is null) mine.Add(elapsed);
                else
                {
                    Interlocked.Increment(ref errors);
                    lock (errorSamples) if (errorSamples.Count < 10) errorSamples.Add(error);
                }
            }
        })));

        var latency = LatencySummary.From(latencies.SelectMany(l => l));
        return new QueryResult(clients, duration.TotalSeconds, latency.Count, Math.Round(latency.Count / duration.TotalSeconds, 1),
            latency, errors, errorSamples);
    }

    /// <summary>Any footprint, feed, category (or the whole feed), granularity, and a 1–12 month window inside the data.</summary>
    public static string RandomQuery(Random random, HubCatalog catalog, string prefix = HubApi.PartnerPrefix)
    {
        var footprint = catalog.Footprints[random.Next(catalog.Footprints.Count)];
        var feed = catalog.Feeds[random.Next(catalog.Feeds.Count)];
        var c = random.Next(feed.Categories.Count + 1);
        var category = c == feed.Categories.Count ? null : feed.Categories[c];
        var granularity = Granularities[random.Next(Granularities.Length)];
        var months = random.Next(1, 13);
        var first = random.Next(0, Months - months + 1);
        var from = RecordGenerator.Window.From.AddMonths(first);
        var to = from.AddMonths(months).AddDays(-1);
        return HubApi.SeriesPath(footprint.Id, feed.Id, category, from, to, granularity, prefix);
    }
}

public sealed record QueryResult(
    int Clients, double Seconds, long Queries, double QueriesPerSecond, LatencySummary Latency, long Errors, IReadOnlyList<string> ErrorSamples);
