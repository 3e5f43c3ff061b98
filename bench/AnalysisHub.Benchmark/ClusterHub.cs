using System.Diagnostics;
using AnalysisHub.Testing;

namespace AnalysisHub.Benchmark;

/// <summary>
/// A cluster on this machine for the PostgreSQL benchmark, started and stopped with deploy/local-cluster.sh:
/// its own PostgreSQL (fsync on: a durability figure), N silos and an API-only gateway the load goes through.
/// </summary>
public sealed class ClusterHub : IAsyncDisposable
{
    private readonly string _script;
    private readonly Dictionary<string, string> _environment;

    private ClusterHub(string script, Dictionary<string, string> environment, Uri gateway, string connectionString, string adminKey)
    {
        AdminKey = adminKey;
        _script = script;
        _environment = environment;
        Gateway = gateway;
        ConnectionString = connectionString;
    }

    public Uri Gateway { get; }

    /// <summary>The admin key local-cluster.sh generated and gave every node.</summary>
    public string AdminKey { get; }

    /// <summary>The cluster's database, which the baseline also loads (a separate table).</summary>
    public string ConnectionString { get; }

    public static async Task<ClusterHub> StartAsync(string repository, string serverDll, int silos)
    {
        var directory = Path.Combine(Path.GetTempPath(), "hub-bench-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        var basePort = LocalClusterPorts.FreeBase(silos);
        var environment = new Dictionary<string, string>
        {
            ["HUB_CLUSTER_DIR"] = directory,
            ["HUB_BASE_PORT"] = basePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HUB_SERVER_DLL"] = serverDll,
            ["HUB_EXTRA_ARGS"] = "--Logging:LogLevel:Default Warning",
        };
        var script = Path.Combine(repository, "deploy", "local-cluster.sh");
        await RunAsync(script, environment, "up", silos.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var state = File.ReadAllLines(Path.Combine(directory, "cluster.env"))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim('\'', '"'));
        return new ClusterHub(script, environment, new Uri($"http://127.0.0.1:{basePort}/"), state["CONNECTION_STRING"],
            File.ReadAllText(Path.Combine(directory, "admin-key")).Trim());
    }

    private static async Task RunAsync(string script, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"local-cluster.sh {string.Join(' ', arguments)} failed ({process.ExitCode})");
    }

    public async ValueTask DisposeAsync() => await RunAsync(_script, _environment, "down");
}
