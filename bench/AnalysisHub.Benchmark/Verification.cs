namespace AnalysisHub.Benchmark;

/// <summary>
/// Phase 2: how long after the last acknowledgement the rollups show every record, and whether every
/// footprint then shows exactly its records. Totals are read over the records' window (<see cref="RecordGenerator.Window"/> unless given) at year
/// granularity, which counts every generated record once.
/// </summary>
public static class Verification
{
    private const string Granularity = "year";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>What every footprint holds before the run (zero on a fresh hub), so a long-lived hub can be measured too.</summary>
    public static async Task ReadBaselineAsync(HubApi api, HubCatalog catalog, ExpectedCounts expected, (DateOnly From, DateOnly To)? window = null)
    {
        var totals = await AllTotalsAsync(api, catalog, window);
        foreach (var ((footprint, feed), total) in totals) expected.SetBaseline(footprint, feed, total);
    }

    /// <summary>
    /// Polls the top footprint's total (Wales, or England and Wales) of every feed until each equals what was acknowledged. A feed's time is taken when
    /// the exact answer arrives, so it is an upper bound on the true lag by one poll.
    /// </summary>
    public static async Task<ConvergenceResult> WaitForWalesAsync(HubApi api, HubCatalog catalog, ExpectedCounts expected,
        long since, TimeSpan timeout, (DateOnly From, DateOnly To)? window = null)
    {
        var (from, to) = window ?? RecordGenerator.Window;
        var top = catalog.Footprints.Single(f => f.Id == catalog.TopId);
        var feeds = catalog.Feeds.Select((f, i) => new FeedProgress(f.Id, expected.For(top, i))).ToArray();
        var polls = 0;
        var errors = 0;
        string? lastError = null;
        while (feeds.Any(f => f.Milliseconds is null) && Clock.MillisecondsSince(since) < timeout.TotalMilliseconds)
        {
            polls++;
            await Task.WhenAll(feeds.Where(f => f.Milliseconds is null).Select(async f =>
            {
                try
                {
                    f.Observed = await api.SeriesTotalAsync(top.Id, f.Feed, from, to, Granularity);
                    if (f.Observed == f.Expected) f.Milliseconds = Math.Round(Clock.MillisecondsSince(since), 1);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // A failed poll is reported, not fatal: the hub may be busy; the timeout bounds the wait.
                    Interlocked.Increment(ref errors);
                    lastError = e.Message;
                }
            }));
            await Task.Delay(PollInterval);
        }
        var converged = feeds.All(f => f.Milliseconds is not null);
        return new ConvergenceResult(
            converged,
            converged ? feeds.Max(f => f.Milliseconds!.Value) : null,
            polls,
            errors,
            lastError,
            feeds.Select(f => new FeedConvergence(f.Feed, f.Expected, f.Observed, f.Milliseconds)).ToList());
    }

    /// <summary>
    /// Every footprint × feed total against the records acknowledged for its authorities, and for each kind that
    /// partitions Wales, the sum over its footprints against the Wales total.
    /// </summary>
    public static async Task<ExactnessResult> CheckAsync(HubApi api, HubCatalog catalog, ExpectedCounts expected, (DateOnly From, DateOnly To)? window = null)
    {
        var totals = await AllTotalsAsync(api, catalog, window);
        var mismatches = new List<string>();
        for (var feed = 0; feed < catalog.Feeds.Count; feed++)
        {
            var feedId = catalog.Feeds[feed].Id;
            foreach (var footprint in catalog.Footprints)
            {
                var actual = totals[(footprint.Id, feed)];
                var want = expected.For(footprint, feed);
                if (actual != want) mismatches.Add($"{footprint.Id} {feedId}: total {actual}, expected {want} ({actual - want:+#;-#})");
            }
            var topTotal = totals[(catalog.TopId, feed)];
            foreach (var kind in catalog.PartitionKinds)
            {
                var sum = catalog.Footprints.Where(f => f.Kind == kind).Sum(f => totals[(f.Id, feed)]);
                if (sum != topTotal) mismatches.Add($"kind {kind} {feedId}: sum of totals {sum} ≠ {catalog.TopId} total {topTotal} ({sum - topTotal:+#;-#})");
            }
        }
        return new ExactnessResult(mismatches.Count == 0, totals.Count, mismatches) { KindsSummed = catalog.PartitionKinds, Top = catalog.TopId };
    }

    /// <summary>The hub's own recount audit (every authority against the ledger, every footprint against its members).</summary>
    public static async Task<RecountResult> RecountAsync(HubApi api)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (differences, samples) = await api.VerifyAsync();
        return new RecountResult(differences, clock.Elapsed.TotalMilliseconds, samples);
    }

    private static async Task<Dictionary<(string Footprint, int Feed), long>> AllTotalsAsync(HubApi api, HubCatalog catalog, (DateOnly From, DateOnly To)? window)
    {
        var (from, to) = window ?? RecordGenerator.Window;
        var work = catalog.Footprints.SelectMany(f => catalog.Feeds.Select((_, i) => (f.Id, Feed: i))).ToList();
        var totals = new Dictionary<(string, int), long>();
        // A few at a time: this is a check, not a load test, and must not starve the hub of its two cores.
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
        {
            var total = await api.SeriesTotalAsync(item.Id, catalog.Feeds[item.Feed].Id, from, to, Granularity);
            lock (totals) totals[(item.Id, item.Feed)] = total;
        });
        return totals;
    }

    private sealed class FeedProgress(string feed, long expected)
    {
        public string Feed { get; } = feed;
        public long Expected { get; } = expected;
        public long Observed { get; set; } = -1;
        public double? Milliseconds { get; set; }
    }
}

public sealed record ConvergenceResult(
    bool Converged, double? Milliseconds, int Polls, int PollErrors, string? LastPollError, IReadOnlyList<FeedConvergence> Feeds);

public sealed record FeedConvergence(string Feed, long Expected, long Observed, double? Milliseconds);

public sealed record RecountResult(int Differences, double Milliseconds, IReadOnlyList<string> Samples);

public sealed record ExactnessResult(bool Exact, int SeriesChecked, IReadOnlyList<string> Mismatches)
{
    /// <summary>The kinds whose footprints' totals were summed against <see cref="Top"/>'s.</summary>
    public IReadOnlyList<string> KindsSummed { get; init; } = [];
    public string Top { get; init; } = HubCatalog.NationId;
}
