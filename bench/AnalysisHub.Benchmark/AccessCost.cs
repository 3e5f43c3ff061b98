using System.Diagnostics;
using System.Security.Cryptography;

namespace AnalysisHub.Benchmark;

/// <summary>
/// Phase 3b: what authentication and audit cost, measured in this run. The same public series queries (one seed,
/// the same number of clients) run in alternating slices, anonymous and with each client's key. Every client of
/// either mode has connections of its own from a loopback address of its own (anonymous 127.1.0.x, keyed
/// 127.2.0.x), so each anonymous client has its own address's bucket as each keyed one has its key's: both modes
/// pass the same rate limiting, routing and disclosure control, and only the keyed ones have their key checked and
/// are put on the audit trail. The hub's CPU time per query in each mode gives the access layer's cost per
/// request. An ingest request pays that once, plus the SHA-256 of its body that the audit keeps (timed here over
/// the very bodies the bulk and streaming phases sent, on the same cores).
/// </summary>
public static class AccessCost
{
    /// <summary>About how long each slice runs: short, so the machine's drift within a pair is small.</summary>
    public const double SliceSeconds = 2;

    /// <summary>Time for the audit trail to store the last slice's entries (it writes every 200 ms) inside that slice.</summary>
    private static readonly TimeSpan AuditFlush = TimeSpan.FromMilliseconds(500);

    public static async Task<AccessCostResult> RunAsync(IReadOnlyList<HubApi> keyed, HubCatalog catalog, HubServer server, TimeSpan slice, int pairs, int seed)
    {
        var anonymous = keyed.Select((k, i) => new HubApi(k.BaseAddress, null, Loopback(i, 0))).ToList();
        var withKeys = keyed.Select((k, i) => new HubApi(k.BaseAddress, k.Key, Loopback(i, 1))).ToList();
        try
        {
            return await RunAsync(withKeys, anonymous, catalog, server, slice, pairs, seed);
        }
        finally
        {
            foreach (var api in anonymous.Concat(withKeys)) api.Dispose();
        }
    }

    private static async Task<AccessCostResult> RunAsync(IReadOnlyList<HubApi> keyed, IReadOnlyList<HubApi> anonymous, HubCatalog catalog, HubServer server,
        TimeSpan slice, int pairs, int seed)
    {
        var slices = new List<AccessSlice>();
        for (var pair = 0; pair < pairs; pair++)
        {
            // A B B A …: neither mode always runs on the warmer hub.
            var order = pair % 2 == 0 ? new[] { false, true } : [true, false];
            foreach (var withKey in order)
            {
                var cpu = CpuMeter.Start(server);
                var result = await QueryLoad.RunAsync(withKey ? keyed : anonymous, catalog, TimeSpan.Zero, slice, seed + pair, HubApi.PublicPrefix);
                await Task.Delay(AuditFlush);
                var used = cpu.Stop(withKey ? "access: keyed" : "access: anonymous");
                if (result.Errors > 0)
                    throw new InvalidOperationException($"access-cost slice ({(withKey ? "keyed" : "anonymous")}): {result.ErrorSamples.FirstOrDefault()}");
                var seconds = used.ServerSeconds ?? 0; // always read: the phase runs only on a hub the benchmark started
                slices.Add(new AccessSlice(withKey, result.Queries, result.QueriesPerSecond, seconds,
                    result.Queries == 0 ? 0 : seconds / result.Queries * 1e6, result.Latency.P99Ms));
            }
        }
        // The machine's speed drifts by more than the difference sought, so each pair is compared within itself
        // (its two slices ran back to back) and the pairs' ratios are summarised by their median.
        var ratios = slices.Chunk(2).Select(pair => pair.Single(s => s.WithKey).HubMicrosecondsPerQuery / pair.Single(s => !s.WithKey).HubMicrosecondsPerQuery).ToList();
        var anonymousMicros = Median(slices.Where(s => !s.WithKey).Select(s => s.HubMicrosecondsPerQuery));
        var ratio = Median(ratios);
        return new AccessCostResult(slices, ratios.Select(r => Math.Round(r, 3)).ToList(), Math.Round(anonymousMicros, 1), Math.Round(ratio, 3),
            Math.Round(anonymousMicros * (ratio - 1), 1), Math.Round((ratio - 1) * 100, 2));
    }

    private static System.Net.IPAddress Loopback(int client, int mode) => new([127, (byte)(1 + mode), (byte)(client / 250), (byte)(2 + client % 250)]);

    /// <summary>Median time of one SHA-256 over each body, in microseconds (best of three passes over all of them).</summary>
    public static double HashMicrosecondsPerBody(IReadOnlyList<RecordBatch> batches)
    {
        if (batches.Count == 0) return 0;
        var best = double.MaxValue;
        for (var pass = 0; pass < 3; pass++)
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var batch in batches) SHA256.HashData(batch.Body);
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMicroseconds / batches.Count);
        }
        return best;
    }

    /// <summary>
    /// The share of an ingest phase's hub CPU that access control took: one key check and audit entry per request
    /// (<paramref name="perRequestMicros"/>, from the query slices) and the body's SHA-256.
    /// </summary>
    public static IngestAccessCost Ingest(string phase, long requests, double hashMicrosPerBody, double perRequestMicros, double? hubSeconds)
    {
        var accessSeconds = requests * (Math.Max(0, perRequestMicros) + hashMicrosPerBody) / 1e6;
        double? percent = hubSeconds is > 0 ? Math.Round(accessSeconds / hubSeconds.Value * 100, 2) : null;
        return new IngestAccessCost(phase, requests, Math.Round(hashMicrosPerBody, 1), Math.Round(accessSeconds, 3), hubSeconds is { } h ? Math.Round(h, 2) : null, percent);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return 0;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>One slice of public queries, anonymous or keyed, and the hub CPU it took.</summary>
public sealed record AccessSlice(bool WithKey, long Queries, double QueriesPerSecond, double HubCpuSeconds, double HubMicrosecondsPerQuery, double P99Ms);

/// <summary>
/// Hub CPU per public query with a key ÷ without, in each pair of slices and their median; the median anonymous
/// query's CPU; what authentication and audit add to a request (the anonymous query's CPU × (median ratio − 1));
/// and that as a share of a query.
/// </summary>
public sealed record AccessCostResult(
    IReadOnlyList<AccessSlice> Slices, IReadOnlyList<double> PairRatios, double AnonymousMicrosecondsPerQuery, double MedianRatio,
    double AccessMicrosecondsPerRequest, double QueryCostPercent)
{
    public List<IngestAccessCost> Ingest { get; } = [];
}

/// <summary>Access control's share of an ingest phase's hub CPU: per request, its key check, audit entry and body hash.</summary>
public sealed record IngestAccessCost(string Phase, long Requests, double HashMicrosecondsPerBody, double AccessCpuSeconds, double? HubCpuSeconds, double? Percent);
