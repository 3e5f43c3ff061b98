using System.Globalization;

namespace AnalysisHub.Benchmark;

/// <summary>
/// The benchmark's settings, from <c>--name value</c> switches. Defaults are the published benchmark
/// (1,000,000 records, 20 s phases); smaller values are for quick runs on a laptop.
/// </summary>
public sealed record BenchOptions
{
    /// <summary>An already running hub to measure; when absent the benchmark starts its own.</summary>
    public string? Url { get; init; }

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

    public int Seed { get; init; } = 42;
    public string Out { get; init; } = Path.Combine("bench-results", "core.json");

    /// <summary>Extra environment for the started server (<c>--server-env KEY=VALUE</c>, repeatable), e.g. a log level.</summary>
    public IReadOnlyList<string> ServerEnvironment { get; init; } = [];

    /// <summary>Keep the started server's data directory (it is deleted by default).</summary>
    public bool KeepData { get; init; }

    public const string Usage = """
        AnalysisHub benchmark: bulk load, convergence, exactness, query latency, streaming ingest, server memory.

          --url URL                  measure a running hub instead of starting one (memory is then skipped)
          --server-dll PATH          server to start (default: src/AnalysisHub.Server/bin/Release/net10.0/AnalysisHub.Server.dll)
          --server-env KEY=VALUE     environment for the started server, repeatable (e.g. Logging__LogLevel__Default=Warning)
          --cluster N                start an N-silo PostgreSQL cluster + gateway (deploy/local-cluster.sh), measure
                                     through the gateway, then the bare PostgreSQL COPY/GROUP BY baseline
          --records N                bulk records (default 1000000)
          --batch-size N             records per bulk request (default 10000)
          --clients N                concurrent bulk clients (default 4)
          --query-clients N          concurrent query clients (default 50)
          --query-seconds S          measured query time (default 20)
          --stream-clients N         concurrent streaming ingestors (default 20)
          --stream-batch-size N      records per streaming request (default 100)
          --stream-seconds S         measured streaming time (default 20)
          --live-subscribers N       live subscribers, SignalR and SSE alternately (default 0: no live phase)
          --live-rate N              records/s streamed during the live phase (default 10000)
          --live-seconds S           measured live time (default 20)
          --warmup S                 unmeasured lead-in of the query and streaming phases (default 2)
          --converge-timeout S       longest wait for exact totals before failing (default 120)
          --seed N                   seed of the synthetic data and the query mix (default 42)
          --out PATH                 results JSON (default bench-results/core.json)
          --keep-data                keep the started server's data directory
        """;

    /// <exception cref="ArgumentException">an unknown switch or a bad value; the message says which.</exception>
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Int(int min) => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min
                ? v : throw new ArgumentException($"{name} needs an integer ≥ {min}");
            double Seconds(double min) => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min
                ? v : throw new ArgumentException($"{name} needs a number of seconds ≥ {min}");

            o = name switch
            {
                "--url" => o with { Url = Value().TrimEnd('/') },
                "--server-dll" => o with { ServerDll = Value() },
                "--server-env" => o with { ServerEnvironment = [.. o.ServerEnvironment, EnvironmentPair(Value(), name)] },
                "--cluster" => o with { Cluster = Int(1) },
                "--records" => o with { Records = Int(1) },
                "--batch-size" => o with { BatchSize = Int(1) },
                "--clients" => o with { Clients = Int(1) },
                "--query-clients" => o with { QueryClients = Int(1) },
                "--query-seconds" => o with { QuerySeconds = Seconds(0) },
                "--stream-clients" => o with { StreamClients = Int(1) },
                "--stream-batch-size" => o with { StreamBatchSize = Int(1) },
                "--stream-seconds" => o with { StreamSeconds = Seconds(0) },
                "--live-subscribers" => o with { LiveSubscribers = Int(0) },
                "--live-rate" => o with { LiveRate = Int(10) },
                "--live-seconds" => o with { LiveSeconds = Seconds(1) },
                "--warmup" => o with { WarmupSeconds = Seconds(0) },
                "--converge-timeout" => o with { ConvergeTimeoutSeconds = Seconds(1) },
                "--seed" => o with { Seed = Int(int.MinValue) },
                "--out" => o with { Out = Value() },
                "--keep-data" => o with { KeepData = true },
                _ => throw new ArgumentException($"unknown switch '{name}'"),
            };
        }
        return o;
    }

    private static string EnvironmentPair(string value, string name) =>
        value.IndexOf('=') > 0 ? value : throw new ArgumentException($"{name} needs KEY=VALUE");
}
