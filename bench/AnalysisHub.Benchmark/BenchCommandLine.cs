using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace AnalysisHub.Benchmark;

/// <summary>
/// The benchmark's switches, parsed by System.CommandLine (which also writes <c>--help</c>). Each default is the
/// one <see cref="BenchOptions"/> declares, so the record stays the one place a default is written.
/// </summary>
public static class BenchCommandLine
{
    private static readonly BenchOptions Defaults = new();

    private static readonly Option<string?> Url = new("--url") { Description = "measure a running hub instead of starting one (memory is then skipped)", HelpName = "URL" };
    private static readonly Option<string?> Key = new("--key")
    {
        Description = "admin API key of the hub given with --url (default: the HUB_KEY environment variable); started hubs get a fresh one",
        HelpName = "KEY",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HUB_KEY"),
    };
    private static readonly Option<string?> ServerDll = new("--server-dll") { Description = "server to start (default: src/AnalysisHub.Server/bin/Release/net10.0/AnalysisHub.Server.dll)", HelpName = "PATH" };
    private static readonly Option<string[]> ServerEnvironment = new("--server-env")
    {
        Description = "environment for the started server, repeatable (e.g. Logging__LogLevel__Default=Warning)",
        HelpName = "KEY=VALUE",
        Validators = { result => { if (result.GetValueOrDefault<string[]>()?.Any(v => v.IndexOf('=') <= 0) == true) result.AddError("--server-env needs KEY=VALUE"); } },
    };
    private static readonly Option<int> Cluster = Int("--cluster", Defaults.Cluster, 1,
        "start an N-silo PostgreSQL cluster + gateway (deploy/local-cluster.sh), measure through the gateway, then the bare PostgreSQL COPY/GROUP BY baseline");
    private static readonly Option<int> Records = Int("--records", Defaults.Records, 1, "bulk records");
    private static readonly Option<int> BatchSize = Int("--batch-size", Defaults.BatchSize, 1, "records per bulk request");
    private static readonly Option<int> Clients = Int("--clients", Defaults.Clients, 1, "concurrent bulk clients");
    private static readonly Option<int> QueryClients = Int("--query-clients", Defaults.QueryClients, 1, "concurrent query clients");
    private static readonly Option<double> QuerySeconds = Seconds("--query-seconds", Defaults.QuerySeconds, 0, "measured query time");
    private static readonly Option<double> AccessSeconds = Seconds("--access-seconds", Defaults.AccessSeconds, 0,
        "public queries per mode, anonymous and keyed in alternating slices, to measure what authentication and audit cost (0: skip)");
    private static readonly Option<int> StreamClients = Int("--stream-clients", Defaults.StreamClients, 1, "concurrent streaming ingestors");
    private static readonly Option<int> StreamBatchSize = Int("--stream-batch-size", Defaults.StreamBatchSize, 1, "records per streaming request");
    private static readonly Option<double> StreamSeconds = Seconds("--stream-seconds", Defaults.StreamSeconds, 0, "measured streaming time");
    private static readonly Option<int> LiveSubscribers = Int("--live-subscribers", Defaults.LiveSubscribers, 0, "live subscribers, SignalR and SSE alternately (0: no live phase)");
    private static readonly Option<int> LiveRate = Int("--live-rate", Defaults.LiveRate, 10, "records/s streamed during the live phase");
    private static readonly Option<double> LiveSeconds = Seconds("--live-seconds", Defaults.LiveSeconds, 1, "measured live time");
    private static readonly Option<double> Warmup = Seconds("--warmup", Defaults.WarmupSeconds, 0, "unmeasured lead-in of the query and streaming phases");
    private static readonly Option<double> ConvergeTimeout = Seconds("--converge-timeout", Defaults.ConvergeTimeoutSeconds, 1, "longest wait for exact totals before failing");
    private static readonly Option<int> Seed = Int("--seed", Defaults.Seed, int.MinValue, "seed of the synthetic data and the query mix");
    private static readonly Option<int> DefinedFootprints = Int("--defined-footprints", Defaults.DefinedFootprints, 0,
        "footprints of kind custom to define before the load (2–5 random authorities each)");
    private static readonly Option<string[]> Feeds = new("--feeds")
    {
        Description = "only these feeds, repeatable or comma-separated (default: every feed the hub has)",
        HelpName = "FEED",
        CustomParser = result => result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
    };
    private static readonly Option<int> History = Int("--history", 0, 1,
        "load N records over years in steps instead of the usual run: memory and throughput per step, then kill -9 and time the restart");
    private static readonly Option<int> HistoryStep = Int("--history-step", Defaults.HistoryStep, 1, "records per step of --history");
    private static readonly Option<int> HistoryYears = Int("--history-years", Defaults.HistoryYears, 1, "years the --history records spread over (ending 2025)");
    private static readonly Option<string> HistoryOut = new("--history-out")
    {
        Description = "folder for the --history table (history.md) and chart (history.svg)", HelpName = "PATH", DefaultValueFactory = _ => Defaults.HistoryOut,
    };
    private static readonly Option<string> Geography = new("--geography")
    {
        Description = "wales (the hub's shipped geography) or national (a generated England and Wales: 331 authorities, 43 forces, CSPs, regions, nations)",
        HelpName = "NAME",
        DefaultValueFactory = _ => Defaults.Geography,
        Validators = { result => { if (result.GetValueOrDefault<string>() is not ("wales" or "national")) result.AddError("--geography is wales or national"); } },
    };
    private static readonly Option<string> Out = new("--out") { Description = "results JSON", HelpName = "PATH", DefaultValueFactory = _ => Defaults.Out };
    private static readonly Option<bool> KeepData = new("--keep-data") { Description = "keep the started server's data directory" };

    /// <summary>The root command: its help is the benchmark's <c>--help</c>.</summary>
    public static readonly RootCommand Command = new("AnalysisHub benchmark: bulk load, convergence, exactness, query latency, streaming ingest, server memory.")
    {
        Url, Key, ServerDll, ServerEnvironment, Cluster, Records, BatchSize, Clients, QueryClients, QuerySeconds, AccessSeconds, StreamClients,
        StreamBatchSize, StreamSeconds, LiveSubscribers, LiveRate, LiveSeconds, Warmup, ConvergeTimeout, Seed, DefinedFootprints, Feeds, History, HistoryStep, HistoryYears, HistoryOut, Geography, Out, KeepData,
    };

    public static ParseResult Parse(string[] args)
    {
        // The benchmark has no version to show: its switches are the ones listed, and --help.
        foreach (var version in Command.Options.OfType<VersionOption>().ToList()) Command.Options.Remove(version);
        return Command.Parse(args);
    }

    /// <summary>The settings of a parse without errors.</summary>
    public static BenchOptions Options(ParseResult parsed) => new()
    {
        Url = parsed.GetValue(Url)?.TrimEnd('/'),
        Key = parsed.GetValue(Key),
        ServerDll = parsed.GetValue(ServerDll),
        ServerEnvironment = parsed.GetValue(ServerEnvironment) ?? [],
        Cluster = parsed.GetValue(Cluster),
        Records = parsed.GetValue(Records),
        BatchSize = parsed.GetValue(BatchSize),
        Clients = parsed.GetValue(Clients),
        QueryClients = parsed.GetValue(QueryClients),
        QuerySeconds = parsed.GetValue(QuerySeconds),
        AccessSeconds = parsed.GetValue(AccessSeconds),
        StreamClients = parsed.GetValue(StreamClients),
        StreamBatchSize = parsed.GetValue(StreamBatchSize),
        StreamSeconds = parsed.GetValue(StreamSeconds),
        LiveSubscribers = parsed.GetValue(LiveSubscribers),
        LiveRate = parsed.GetValue(LiveRate),
        LiveSeconds = parsed.GetValue(LiveSeconds),
        WarmupSeconds = parsed.GetValue(Warmup),
        ConvergeTimeoutSeconds = parsed.GetValue(ConvergeTimeout),
        Seed = parsed.GetValue(Seed),
        DefinedFootprints = parsed.GetValue(DefinedFootprints),
        Feeds = parsed.GetValue(Feeds) ?? [],
        HistoryRecords = parsed.GetValue(History),
        HistoryStep = parsed.GetValue(HistoryStep),
        HistoryYears = parsed.GetValue(HistoryYears),
        HistoryOut = parsed.GetValue(HistoryOut) ?? Defaults.HistoryOut,
        Geography = parsed.GetValue(Geography) ?? Defaults.Geography,
        Out = parsed.GetValue(Out) ?? Defaults.Out,
        KeepData = parsed.GetValue(KeepData),
    };

    /// <summary>Writes the help to <paramref name="output"/> (usage after a bad argument goes to standard error).</summary>
    public static void WriteHelp(TextWriter output) => Parse(["--help"]).Invoke(new InvocationConfiguration { Output = output });

    private static Option<int> Int(string name, int defaultValue, int min, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        // Only a value given is checked: a default may lie below the minimum (--cluster 0 means no cluster).
        Validators = { result => { if (!result.Implicit && result.GetValueOrDefault<int>() < min) result.AddError($"{name} needs an integer ≥ {min}"); } },
    };

    // Seconds are read with the invariant culture, as written in the README's commands, whatever the machine's.
    private static Option<double> Seconds(string name, double defaultValue, double min, string description) => new(name)
    {
        Description = description,
        HelpName = "S",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            if (double.TryParse(result.Tokens.Single().Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min) return value;
            result.AddError($"{name} needs a number of seconds ≥ {min}");
            return defaultValue;
        },
    };
}
