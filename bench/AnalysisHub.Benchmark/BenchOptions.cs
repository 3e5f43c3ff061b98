namespace AnalysisHub.Benchmark;

/// <summary>
/// The benchmark's settings, from <c>--name value</c> switches (<see cref="BenchCommandLine"/>). Defaults are the
/// published benchmark (1,000,000 records, 20 s phases); smaller values are for quick runs on a laptop.
/// </summary>
public sealed record BenchOptions
{
    /// <summary>An already running hub to measure; when absent the benchmark starts its own.</summary>
    public string? Url { get; init; }

    /// <summary>Admin key of the hub at <see cref="Url"/>; the benchmark makes its ingest and analyst keys with it. A secret: never in the report.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Key { get; init; }

    /// <summary>The built server to start (defaults to the Release build in the repository).</summary>
    public string? ServerDll { get; init; }

    /// <summary>
    /// Silos of a PostgreSQL cluster to start with deploy/local-cluster.sh (load goes through its gateway), followed
    /// by the bare-PostgreSQL baseline; 0 measures one embedded hub.
    /// </summary>
    public int Cluster { get; init; }

    public int Records { get; init; } = 1_000_000;
    public int BatchSize { get; init; } = 10_000;
    public int Clients { get; init; } = 4;

    public int QueryClients { get; init; } = 50;
    public double QuerySeconds { get; init; } = 20;

    /// <summary>
    /// Query time per mode (anonymous, keyed) of the access-cost phase, in alternating pairs of slices of about
    /// 2 s; 0 skips it. Only on a hub the benchmark started, whose CPU it can read.
    /// </summary>
    public double AccessSeconds { get; init; } = 20;

    public int StreamClients { get; init; } = 20;
    public int StreamBatchSize { get; init; } = 100;
    public double StreamSeconds { get; init; } = 20;

    /// <summary>Live subscribers (SignalR and SSE alternately); 0 skips the live phase.</summary>
    public int LiveSubscribers { get; init; }
    public int LiveRate { get; init; } = 10_000;
    public double LiveSeconds { get; init; } = 20;

    /// <summary>Unmeasured lead-in of the query and streaming phases, so JIT tiering and pool growth do not count.</summary>
    public double WarmupSeconds { get; init; } = 2;

    /// <summary>How long totals may take to become exact before the run fails.</summary>
    public double ConvergeTimeoutSeconds { get; init; } = 120;

    /// <summary>
    /// Footprints of kind custom to define before the load (each 2–5 authorities, drawn with the seed), so a run with
    /// them beside a run without shows what defined footprints cost ingest.
    /// </summary>
    public int DefinedFootprints { get; init; }

    /// <summary>
    /// Records of the history phase (0: the usual run). With it the run is only that phase: years of records in
    /// steps, memory after each, a <c>kill -9</c> restart, and a table and chart in <see cref="HistoryOut"/>.
    /// </summary>
    public long HistoryRecords { get; init; }
    public int HistoryStep { get; init; } = 1_000_000;
    public int HistoryYears { get; init; } = 10;
    public string HistoryOut { get; init; } = Path.Combine("bench-results", "history");

    /// <summary>
    /// <c>wales</c> (the hub's shipped geography) or <c>national</c>: a generated England and Wales
    /// (<see cref="NationalGeography"/>) handed to the started hub.
    /// </summary>
    public string Geography { get; init; } = "wales";

    public int Seed { get; init; } = 42;

    /// <summary>The feeds to load, query and stream (default: every feed the hub has).</summary>
    public IReadOnlyList<string> Feeds { get; init; } = [];
    public string Out { get; init; } = Path.Combine("bench-results", "core.json");

    /// <summary>Extra environment for the started server (<c>--server-env KEY=VALUE</c>, repeatable), e.g. a log level.</summary>
    public IReadOnlyList<string> ServerEnvironment { get; init; } = [];

    /// <summary>Keep the started server's data directory (it is deleted by default).</summary>
    public bool KeepData { get; init; }
}
