namespace AnalysisHub.Benchmark;

/// <summary>
/// The history phase (<c>--history N</c>): years of records loaded into a fresh hub a step (a million, unless
/// asked) at a time, the hub's resident memory and the step's throughput read after each, every footprint checked
/// for exactness at the end, then <c>kill -9</c> and the same command again: how long until the hub is ready, and
/// until every Wales total is exact, with every answer during the warm-up checked to be either exact or a 503.
/// </summary>
public static class HistoryRun
{
    public static readonly TimeSpan RestartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static async Task<HistoryResult> RunAsync(BenchCallers callers, HubCatalog catalog, HubServer server, BenchOptions options, string runId,
        List<string> failures)
    {
        var window = RecordGenerator.WindowOf(options.HistoryYears);
        var expected = new ExpectedCounts(catalog);
        await Verification.ReadBaselineAsync(callers.Checker, catalog, expected, window);
        var generator = new RecordGenerator(catalog, options.Seed, $"bench-{runId}-h-", options.HistoryYears);
        Format.Section($"History: {Format.Number(options.HistoryRecords)} records over {options.HistoryYears} years " +
                       $"({window.From:yyyy-MM-dd} to {window.To:yyyy-MM-dd}), {Format.Number(options.HistoryStep)} at a time");
        var steps = new List<HistoryStep>();
        var loaded = 0L;
        while (loaded < options.HistoryRecords)
        {
            // Made step by step, so the benchmark holds one step's bodies, not ten years of them.
            var batches = generator.Batches(Math.Min(options.HistoryStep, options.HistoryRecords - loaded), options.BatchSize);
            var cpu = CpuMeter.Start(server);
            var bulk = await BulkLoad.RunAsync(callers.Ingestor, batches, options.Clients, expected);
            var used = cpu.Stop("history step");
            loaded += bulk.Records;
            failures.AddRange(bulk.Failures.Select(f => $"history at {loaded}: {f}"));
            // Memory is read once the rollups have caught up with the step, as a hub at rest with that history.
            var settled = await Verification.WaitForWalesAsync(callers.Checker, catalog, expected, bulk.LastAckTimestamp,
                TimeSpan.FromSeconds(options.ConvergeTimeoutSeconds), window);
            if (!settled.Converged) failures.Add($"history at {loaded}: Wales totals not exact within {options.ConvergeTimeoutSeconds} s");
            var memory = server.SampleMemory($"history {loaded}");
            var step = new HistoryStep(loaded, bulk.RecordsPerSecond, used.ServerCores, settled.Milliseconds, memory?.RssMiB, memory?.PeakRssMiB);
            steps.Add(step);
            Format.Line($"{Format.Number(loaded)} records", $"{Format.Number(step.RecordsPerSecond)} records/s (hub {step.HubCores:0.00} cores), " +
                                                           $"Wales exact {step.ExactMilliseconds:0} ms after, resident {Format.Number(step.RssMiB ?? 0)} MiB");
        }
        var exactness = await Verification.CheckAsync(callers.Checker, catalog, expected, window);
        Format.Exactness(exactness);
        failures.AddRange(exactness.Mismatches.Select(m => $"history exactness: {m}"));

        var restart = await RestartAsync(server, callers.Analyst, catalog, expected, window);
        Format.Line("kill -9, then started again", restart.ToString());
        if (restart.ExactMilliseconds is null) failures.Add($"restart: Wales totals not exact within {RestartTimeout.TotalSeconds:0} s");
        if (restart.Partial > 0) failures.Add($"restart: {restart.Partial} answers during the warm-up were 200 with a figure that was not yet exact");
        if (restart.OtherStatuses > 0) failures.Add($"restart: {restart.OtherStatuses} answers during the warm-up were neither 200 nor 503");
        return new HistoryResult(options.HistoryYears, steps, exactness.Exact, restart);
    }

    /// <summary>
    /// Kills the hub, starts it again, and asks for every feed's Wales total as fast as it answers. An answer is
    /// exact, a 503 (warming up), or — a failure — a 200 whose figure is not yet the total.
    /// </summary>
    private static async Task<RestartResult> RestartAsync(HubServer server, HubApi analyst, HubCatalog catalog, ExpectedCounts expected,
        (DateOnly From, DateOnly To) window)
    {
        var top = catalog.Footprints.Single(f => f.Id == catalog.TopId);
        var want = catalog.Feeds.Select((_, i) => expected.For(top, i)).ToArray();
        var started = await server.KillAndRestartAsync();
        double? ready = null;
        var exactAt = new double?[want.Length];
        int unavailable = 0, withoutRetryAfter = 0, partial = 0, other = 0, notListening = 0;
        while (Clock.MillisecondsSince(started) < RestartTimeout.TotalMilliseconds && (ready is null || exactAt.Any(e => e is null)))
        {
            if (ready is null && await analyst.IsReadyAsync()) ready = Math.Round(Clock.MillisecondsSince(started), 0);
            await Task.WhenAll(Enumerable.Range(0, want.Length).Where(i => exactAt[i] is null).Select(async i =>
            {
                var (status, total, retryAfter) = await analyst.TrySeriesTotalAsync(top.Id, catalog.Feeds[i].Id, window.From, window.To, "year");
                switch (status)
                {
                    case 0: Interlocked.Increment(ref notListening); break;
                    case 200 when total == want[i]: exactAt[i] = Math.Round(Clock.MillisecondsSince(started), 0); break;
                    case 200: Interlocked.Increment(ref partial); break;
                    case 503:
                        Interlocked.Increment(ref unavailable);
                        if (!retryAfter) Interlocked.Increment(ref withoutRetryAfter);
                        break;
                    default: Interlocked.Increment(ref other); break; // not an answer the warm-up may give
                }
            }));
            await Task.Delay(PollInterval);
        }
        return new RestartResult(ready, exactAt.All(e => e is not null) ? exactAt.Max() : null, unavailable, withoutRetryAfter, partial, other, notListening);
    }
}

/// <summary>After <see cref="Records"/> records: the step's throughput to durable acknowledgement and hub CPU, how soon Wales was exact, resident memory.</summary>
public sealed record HistoryStep(long Records, double RecordsPerSecond, double? HubCores, double? ExactMilliseconds, double? RssMiB, double? PeakRssMiB);

/// <summary>
/// The restart after <c>kill -9</c>, timed from the start command: ready (<c>/health/ready</c> 200), every Wales
/// total exact; and the warm-up's answers: 503s (and how many lacked <c>Retry-After</c>), partial figures (200 but
/// not exact: a failure), answers of any other status (a failure too), polls before the hub listened.
/// </summary>
public sealed record RestartResult(double? ReadyMilliseconds, double? ExactMilliseconds, int Unavailable, int UnavailableWithoutRetryAfter, int Partial,
    int OtherStatuses, int NotListening)
{
    /// <summary>The restart in a sentence, as the console and the markdown table's page both say it.</summary>
    public override string ToString() =>
        $"{After("ready", ReadyMilliseconds)}, {After("every Wales total exact", ExactMilliseconds)}; answers during the warm-up: " +
        $"{Unavailable} × 503 ({UnavailableWithoutRetryAfter} without Retry-After), {Partial} partial figures, {OtherStatuses} of another status, " +
        $"{NotListening} polls before the hub listened";

    private static string After(string what, double? milliseconds) =>
        milliseconds is { } ms ? $"{what} {Format.Number(ms)} ms after the start command" : $"not {what} within {HistoryRun.RestartTimeout.TotalSeconds:0} s";
}

public sealed record HistoryResult(int Years, IReadOnlyList<HistoryStep> Steps, bool Exact, RestartResult Restart);
