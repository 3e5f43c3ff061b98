using AnalysisHub.Benchmark;

// The run: start (or reach) a hub, load it, check it converges exactly, query it, stream into it, check again,
// then report against the targets. Exit codes: 0 correct (targets may still be missed), 1 a correctness failure,
// 2 bad arguments, 3 the hub could not be started or reached.

var parsed = BenchCommandLine.Parse(args);
if (parsed.Action is System.CommandLine.Help.HelpAction)
{
    BenchCommandLine.WriteHelp(Console.Out);
    return 0;
}
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine(error.Message);
    BenchCommandLine.WriteHelp(Console.Error);
    return 2;
}
var options = BenchCommandLine.Options(parsed);

var machine = MachineFacts.Collect();
HubServer? server = null;
ClusterHub? cluster = null;
// Ctrl+C must not leave a hub running on its ports.
Console.CancelKeyPress += (_, _) =>
{
    server?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
    cluster?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(60));
};

try
{
    Uri baseAddress;
    if (options.Geography != "wales" && (options.Url is not null || options.Cluster > 0))
    {
        Console.Error.WriteLine("--geography national needs a hub the benchmark starts itself (not --url or --cluster)");
        return 2;
    }
    if (options.Url is { } url) baseAddress = new Uri(url);
    else if (options.Cluster > 0)
    {
        Console.WriteLine($"Starting a {options.Cluster}-silo cluster with a gateway on its own PostgreSQL (deploy/local-cluster.sh)…");
        cluster = await ClusterHub.StartAsync(RepositoryRoot(), options.ServerDll ?? DefaultServerDll(), options.Cluster);
        baseAddress = cluster.Gateway;
    }
    else
    {
        server = HubServer.Start(options.ServerDll ?? DefaultServerDll(), options.ServerEnvironment, options.KeepData, GeographyArguments(options));
        baseAddress = server.BaseAddress;
    }
    var target = server is not null ? $"{baseAddress} (started: pid {server.ProcessId}, {server.Root})"
        : cluster is not null ? $"{baseAddress} (gateway of a {options.Cluster}-silo PostgreSQL cluster)"
        : $"{baseAddress} (running hub)";
    Format.Machine(machine, target);

    var adminKey = server?.AdminKey ?? cluster?.AdminKey ?? options.Key;
    if (adminKey is null)
    {
        Console.Error.WriteLine("a running hub needs its admin key: --key KEY or HUB_KEY");
        return 2;
    }
    using var api = new HubApi(baseAddress, adminKey);
    var report = new BenchReport { Machine = machine, Options = options, Target = target };
    try
    {
        if (server is not null) await server.WaitUntilReadyAsync(api, TimeSpan.FromMinutes(2));
        else if (!await api.IsReadyAsync()) throw new InvalidOperationException($"{baseAddress}health/ready is not 200");
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException)
    {
        Console.Error.WriteLine($"hub not available: {e.Message}");
        return 3;
    }

    try
    {
        var catalog = await api.LoadCatalogAsync();
        if (options.DefinedFootprints > 0)
        {
            await DefineFootprintsAsync(api, catalog, options);
            catalog = await api.LoadCatalogAsync(); // checked for exactness like every other footprint
        }
        if (options.Feeds.Count > 0) catalog = catalog.WithFeeds(options.Feeds);
        // A per-run id prefix keeps every record (and key owner) new even against a hub that already holds earlier runs.
        var runId = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var callers = await BenchCallers.CreateAsync(api, catalog, options.QueryClients, runId);
        if (options.HistoryRecords > 0)
        {
            if (server is null) throw new InvalidOperationException("--history needs a hub the benchmark starts (it kills and restarts it)");
            report.History = await HistoryRun.RunAsync(callers, catalog, server, options, runId, report.Failures);
            await HistoryReport.WriteAsync(report.History, machine, options.HistoryOut);
            Console.WriteLine($"History table and chart written to {Path.GetFullPath(options.HistoryOut)}");
        }
        else await RunAsync(callers, catalog, server, options, report, runId);
        if (cluster is not null) await RunBaselineAsync(cluster, catalog, options, report);
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
    {
        // Keep what was measured so far: a partial report still says where the hub broke.
        Console.Error.WriteLine($"run aborted: {e.GetType().Name}: {e.Message}");
        report.Failures.Add($"run aborted: {e.GetType().Name}: {e.Message}");
    }

    report.JudgeTargets();
    report.ServerLog = server?.LogSummary();
    Format.Summary(report);
    await report.WriteAsync(options.Out);
    Console.WriteLine($"Results written to {Path.GetFullPath(options.Out)}");
    return report.Failures.Count == 0 ? 0 : 1;
}
finally
{
    if (server is not null) await server.DisposeAsync();
    if (cluster is not null) await cluster.DisposeAsync();
}

// The switches that hand a started hub the national geography (written to a temporary folder), or none.
static IReadOnlyList<string> GeographyArguments(BenchOptions options)
{
    if (options.Geography != "national") return [];
    var (geography, population, lsoa) = NationalGeography.Write(RepositoryRoot(), Directory.CreateTempSubdirectory("analysishub-national-").FullName);
    Console.WriteLine($"National geography written to {Path.GetDirectoryName(geography)}");
    return ["--geography", geography, "--Hub:PopulationFile", population, "--Hub:LsoaLookupFile", lsoa];
}

// Partnerships' own footprints, drawn with the seed: 2–5 authorities each, so most have rollups of their own.
static async Task DefineFootprintsAsync(HubApi api, HubCatalog catalog, BenchOptions options)
{
    var random = new Random(options.Seed);
    var started = Clock.Now;
    // New ids each run, so a run against a hub that already has an earlier run's footprints defines its own.
    var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
    for (var i = 0; i < options.DefinedFootprints; i++)
    {
        var members = catalog.Authorities.OrderBy(_ => random.Next()).Take(random.Next(2, 6)).Select(a => a.Id).ToList();
        await api.DefineFootprintAsync($"custom:bench-{run}-{i}", $"Benchmark footprint {i}", members);
    }
    Console.WriteLine($"Defined {options.DefinedFootprints} footprints of kind custom in {Clock.MillisecondsSince(started):0} ms");
}

// The same bulk records (same seed) into bare PostgreSQL, on the cluster's own database server.
static async Task RunBaselineAsync(ClusterHub cluster, HubCatalog catalog, BenchOptions options, BenchReport report)
{
    var batches = new RecordGenerator(catalog, options.Seed, "baseline-").Batches(options.Records, options.BatchSize);
    Format.Section($"6. Baseline: bare PostgreSQL, COPY of the same {Format.Number(options.Records)} records into a plain table, then GROUP BY");
    var baseline = report.Baseline = await PostgresBaseline.RunAsync(cluster.ConnectionString, batches, catalog);
    Format.Line("COPY", $"{Format.Number(baseline.RecordsPerSecond)} records/s ({baseline.LoadSeconds:0.00} s)");
    Format.Line("rollup by GROUP BY", $"{baseline.RollupMilliseconds:N1} ms for {baseline.RollupRows} footprint × feed totals (best of 3)");
    Format.Line("Wales monthly by GROUP BY", Format.Latency(baseline.WalesMonthly));
    if (report.Bulk is { } bulk)
        Format.Line("hub ÷ COPY (ingest)", $"{bulk.RecordsPerSecond / baseline.RecordsPerSecond:0.00}");
    if (report.Queries is { } queries)
        Format.Line("query p99: GROUP BY ÷ hub", $"{baseline.WalesMonthly.P99Ms / queries.Latency.P99Ms:0.0}");
}

static async Task RunAsync(BenchCallers callers, HubCatalog catalog, HubServer? server, BenchOptions options, BenchReport report, string runId)
{
    var analyst = callers.Analyst;
    var checker = callers.Checker;
    if (catalog.Authorities.Count == 0 || catalog.Feeds.Count == 0 || catalog.Footprints.All(f => f.Id != catalog.TopId))
        throw new InvalidOperationException("the hub publishes no authorities, no feeds or no nation:wales footprint");
    Console.WriteLine($"Catalog: {catalog.Feeds.Count} feeds ({string.Join(", ", catalog.Feeds.Select(f => f.Id))}), " +
                      $"{catalog.Flags.Count} flags, {catalog.Authorities.Count} authorities, {catalog.Footprints.Count} footprints");

    var expected = new ExpectedCounts(catalog);
    await Verification.ReadBaselineAsync(checker, catalog, expected);

    // Everything is serialised before any timing, so the client's own JSON cost never counts.
    var generating = Clock.Now;
    var bulkBatches = new RecordGenerator(catalog, options.Seed, $"bench-{runId}-b-").Batches(options.Records, options.BatchSize);
    var poolRecords = (long)((options.StreamSeconds + options.WarmupSeconds) * StreamingLoad.PoolRecordsPerSecond);
    var streamPool = new RecordGenerator(catalog, options.Seed + 1, $"bench-{runId}-s-").Batches(poolRecords, options.StreamBatchSize);
    report.GenerationSeconds = Math.Round(Clock.MillisecondsSince(generating) / 1000, 2);
    Console.WriteLine($"Generated {Format.Number(options.Records)} bulk records in {bulkBatches.Count} batches " +
                      $"({Format.Number(bulkBatches.Sum(b => (long)b.Body.Length) / 1048576.0, 1)} MiB NDJSON) and a streaming pool of " +
                      $"{Format.Number(poolRecords)} records in {report.GenerationSeconds} s");
    Sample(server, report, "ready");
    Console.WriteLine();

    // 1. Bulk load.
    Format.Section($"1. Bulk load: {Format.Number(options.Records)} records, batches of {Format.Number(options.BatchSize)}, {options.Clients} clients");
    var cpu = CpuMeter.Start(server);
    var bulk = report.Bulk = await BulkLoad.RunAsync(callers.Ingestor, bulkBatches, options.Clients, expected);
    Cpu(report, cpu.Stop("bulk"));
    Format.Line("throughput", $"{Format.Number(bulk.RecordsPerSecond)} records/s to durable ack ({bulk.Seconds:0.00} s)");
    Format.Line("acknowledged", $"{Format.Number(bulk.Acknowledged)} of {Format.Number(bulk.Records)} (accepted {Format.Number(bulk.Accepted)}, " +
                                $"updated {bulk.Updated}, duplicates {bulk.Duplicates}, stale {bulk.Stale}, retries {bulk.Retries})");
    Format.Line("batch latency", Format.Latency(bulk.BatchLatency));
    report.Failures.AddRange(bulk.Failures.Select(f => $"bulk: {f}"));
    foreach (var f in bulk.Failures.Take(10)) Format.Line("FAILURE", f);

    // 2. Convergence and exactness.
    Format.Section($"2. Convergence ({catalog.TopId} totals per feed, from the last acknowledgement)");
    if (bulk.LastAckTimestamp != 0)
    {
        var convergence = report.Convergence = await Verification.WaitForWalesAsync(checker, catalog, expected, bulk.LastAckTimestamp,
            TimeSpan.FromSeconds(options.ConvergeTimeoutSeconds));
        Format.Convergence(convergence);
        if (!convergence.Converged) report.Failures.Add($"bulk: Wales totals not exact within {options.ConvergeTimeoutSeconds} s");
    }
    var exactness = report.Exactness = await Verification.CheckAsync(checker, catalog, expected);
    Format.Exactness(exactness);
    report.Failures.AddRange(exactness.Mismatches.Select(m => $"exactness after bulk: {m}"));
    Sample(server, report, "after bulk");

    // 3. Query latency.
    Format.Section($"3. Query latency: {options.QueryClients} clients for {options.QuerySeconds} s (after {options.WarmupSeconds} s warm-up)");
    cpu = CpuMeter.Start(server);
    var queries = report.Queries = await QueryLoad.RunAsync(callers.QueryClients, catalog,
        TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.QuerySeconds), options.Seed);
    Cpu(report, cpu.Stop("queries"));
    Format.Line("queries", $"{Format.Number(queries.Queries)} ({Format.Number(queries.QueriesPerSecond, 1)} q/s), errors {queries.Errors}");
    Format.Line("latency", Format.Latency(queries.Latency));
    report.Failures.AddRange(queries.ErrorSamples.Select(e => $"query: {e}"));
    Sample(server, report, "after queries");

    // 3b. What authentication and audit cost a query and an ingest request, measured against anonymous queries.
    var bulkCpu = report.Cpu.FirstOrDefault(c => c.Phase == "bulk");
    if (options.AccessSeconds > 0 && server is not null)
    {
        var pairs = Math.Max(1, (int)Math.Round(options.AccessSeconds / AccessCost.SliceSeconds));
        Format.Section($"3b. Access cost: public queries, anonymous and keyed, {pairs} alternating pairs of {options.AccessSeconds / pairs:0.#} s");
        var access = report.Access = await AccessCost.RunAsync(callers.QueryClients, catalog, server, TimeSpan.FromSeconds(options.AccessSeconds / pairs),
            pairs, options.Seed);
        foreach (var pair in access.Slices.Chunk(2).Zip(access.PairRatios))
            Format.Line($"pair, keyed ÷ anonymous {pair.Second:0.000}", string.Join("; ", pair.First.Select(slice =>
                $"{(slice.WithKey ? "keyed" : "anonymous")} {Format.Number(slice.QueriesPerSecond, 0)} q/s, {slice.HubMicrosecondsPerQuery:0.0} µs")));
        Format.Line("per query", $"median ratio {access.MedianRatio:0.000}; anonymous {access.AnonymousMicrosecondsPerQuery:0.0} µs hub CPU: " +
                                 $"key check + audit {access.AccessMicrosecondsPerRequest:0.0} µs ({access.QueryCostPercent:0.0}% of a query)");
        var ingest = AccessCost.Ingest("bulk", bulk.Batches, AccessCost.HashMicrosecondsPerBody(bulkBatches),
            access.AccessMicrosecondsPerRequest, bulkCpu?.ServerSeconds);
        access.Ingest.Add(ingest);
        Format.Line("bulk ingest", $"{Format.Number(ingest.Requests)} requests × ({access.AccessMicrosecondsPerRequest:0.0} µs + SHA-256 {ingest.HashMicrosecondsPerBody:0.0} µs) " +
                                   $"= {ingest.AccessCpuSeconds:0.000} s of {ingest.HubCpuSeconds:0.00} s hub CPU ({ingest.Percent:0.00}%)");
    }

    // 4. Streaming ingest, then the same convergence and exactness checks over everything.
    Format.Section($"4. Streaming: {options.StreamClients} ingestors, batches of {options.StreamBatchSize}, {options.StreamSeconds} s (after {options.WarmupSeconds} s warm-up)");
    cpu = CpuMeter.Start(server);
    var streaming = report.Streaming = await StreamingLoad.RunAsync(callers.Ingestor, catalog, streamPool, options.StreamClients, options.StreamBatchSize,
        TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.StreamSeconds), options.Seed, $"bench-{runId}-s", expected);
    Cpu(report, cpu.Stop("streaming"));
    Format.Line("throughput", $"{Format.Number(streaming.RecordsPerSecond)} records/s ({Format.Number(streaming.Records)} records in {Format.Number(streaming.Batches)} batches)");
    Format.Line("ack latency", Format.Latency(streaming.AckLatency));
    if (streaming.BatchesGeneratedOnTheFly > 0)
        Format.Line("note", $"pool exhausted: {streaming.BatchesGeneratedOnTheFly} batches generated during the run");
    report.Failures.AddRange(streaming.ErrorSamples.Select(e => $"streaming: {e}"));
    foreach (var e in streaming.ErrorSamples.Take(5)) Format.Line("ERROR", e);

    if (report.Access is { } accessCost && report.Cpu.LastOrDefault(c => c.Phase == "streaming") is { } streamingCpu)
    {
        var ingest = AccessCost.Ingest("streaming", streaming.Batches,
            AccessCost.HashMicrosecondsPerBody(streamPool.Take((int)Math.Min(streaming.Batches, streamPool.Count)).ToList()),
            accessCost.AccessMicrosecondsPerRequest, streamingCpu.ServerSeconds);
        accessCost.Ingest.Add(ingest);
        Format.Line("auth + audit", $"{Format.Number(ingest.Requests)} requests × ({accessCost.AccessMicrosecondsPerRequest:0.0} µs + SHA-256 " +
                                    $"{ingest.HashMicrosecondsPerBody:0.0} µs) = {ingest.AccessCpuSeconds:0.000} s of {ingest.HubCpuSeconds:0.00} s hub CPU ({ingest.Percent:0.00}%)");
    }

    if (streaming.InDoubt > 0)
        Format.Line("exactness", $"skipped: {streaming.InDoubt} batch(es) failed in transit, so their outcome is unknown");
    else if (streaming.LastAckTimestamp != 0)
    {
        var after = report.StreamingConvergence = await Verification.WaitForWalesAsync(checker, catalog, expected, streaming.LastAckTimestamp,
            TimeSpan.FromSeconds(options.ConvergeTimeoutSeconds));
        Format.Convergence(after);
        if (!after.Converged) report.Failures.Add($"streaming: Wales totals not exact within {options.ConvergeTimeoutSeconds} s");
        var exactAfter = report.StreamingExactness = await Verification.CheckAsync(checker, catalog, expected);
        Format.Exactness(exactAfter);
        report.Failures.AddRange(exactAfter.Mismatches.Select(m => $"exactness after streaming: {m}"));
    }

    // Live delivery (the dashboard issue's benchmark), only when asked for.
    if (options.LiveSubscribers > 0)
    {
        Format.Section($"Live: {options.LiveSubscribers} subscribers (SignalR and SSE), {Format.Number(options.LiveRate)} records/s for {options.LiveSeconds} s");
        cpu = CpuMeter.Start(server);
        var live = report.Live = await LiveLoad.RunAsync(callers.Ingestor, analyst, catalog, options.LiveSubscribers, options.LiveRate,
            TimeSpan.FromSeconds(options.LiveSeconds), $"bench-{runId}-l-");
        Cpu(report, cpu.Stop("live"));
        Format.Line("subscribers", $"{live.SignalR} SignalR + {live.Sse} SSE on {live.Topics} footprints, connected in {live.ConnectSeconds} s");
        Format.Line("ingest", $"{Format.Number(live.RecordsPerSecond)} records/s");
        Format.Line("messages", $"{Format.Number(live.Messages)} delivered ({live.Early} arrived before the client saw the ack)");
        Format.Line("delivery", Format.Latency(live.Delivery));
        Format.Line("exact at end", live.Behind == 0 ? "every subscriber" : $"{live.Behind} subscribers not exact");
        if (live.Behind > 0) report.Failures.Add($"live: {live.Behind} subscribers did not end on the exact count");
        Sample(server, report, "after live");
    }

    // 5. Memory: VmHWM is the peak over the server's whole life, so one sample at the end suffices.
    Format.Section("5. Server memory");
    if (Sample(server, report, "end") is { } memory)
    {
        Format.Line("peak resident (VmHWM)", $"{Format.Number(memory.PeakRssMiB)} MiB");
        Format.Line("resident now (VmRSS)", $"{Format.Number(memory.RssMiB)} MiB");
        Format.Line("by phase (VmRSS)", string.Join(", ", report.Memory.Select(m => $"{m.Phase} {Format.Number(m.RssMiB)}")));
    }
    else Format.Line("memory", server is null ? "skipped (running hub given with --url)" : "unavailable (no /proc)");

    // 6. The hub's own recount audit over everything loaded. Last, after the memory figure: it is an operator's
    // check, not part of serving, and recounting every authority from the ledger raises the heap for a while.
    Format.Section("6. Recount audit (GET /api/v1/admin/verify)");
    if (streaming.InDoubt == 0)
    {
        var recount = report.Recount = await Verification.RecountAsync(callers.Admin);
        Format.Recount(recount);
        if (recount.Differences > 0) report.Failures.Add($"recount audit: {recount.Differences} differing cells");
        if (Sample(server, report, "after recount") is { } afterRecount)
            Format.Line("peak resident after it", $"{Format.Number(afterRecount.PeakRssMiB)} MiB");
    }
    else Format.Line("recount audit", "skipped: some streaming batches' outcome is unknown");
    if (server is { HasExited: true }) report.Failures.Add("the hub process exited during the run");
}

static void Cpu(BenchReport report, PhaseCpu phase)
{
    report.Cpu.Add(phase);
    Format.Line("cpu", phase.ToString());
}

static MemorySample? Sample(HubServer? server, BenchReport report, string phase)
{
    if (server?.SampleMemory(phase) is not { } sample) return null;
    report.Memory.Add(sample);
    return sample;
}

// The Release build in the repository this benchmark lives in (found by walking up to the solution file).
static string DefaultServerDll() =>
    Path.Combine(RepositoryRoot(), "src", "AnalysisHub.Server", "bin", "Release", "net10.0", "AnalysisHub.Server.dll");

static string RepositoryRoot()
{
    foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AnalysisHub.sln"))) return dir.FullName;
    }
    throw new FileNotFoundException("cannot find the repository (AnalysisHub.sln) to locate the server; pass --server-dll");
}
