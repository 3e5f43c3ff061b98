using System.Diagnostics;
using System.Text;

namespace AnalysisHub.Cluster.Tests;

/// <summary>
/// A cluster on this machine started by deploy/local-cluster.sh (its own PostgreSQL, N silos, a gateway), in a
/// state folder of its own and on ports of its own. Each step (kill a silo, stop PostgreSQL…) is the script's,
/// so the tests exercise exactly what an operator would run.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hub-cluster-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly int _basePort;

    private LocalCluster(int silos)
    {
        _basePort = LocalClusterPorts.FreeBase(silos);
    }

    /// <summary>The gateway node: the only address the clients use (as administrator).</summary>
    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The admin key the script gave every node (kept in the state folder).</summary>
    public string AdminKey { get; private set; } = null!;

    /// <summary>A client of one node, sending <paramref name="apiKey"/> (default: the admin key).</summary>
    public HttpClient Client(Uri node, string? apiKey = null)
    {
        var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey ?? AdminKey);
        return http;
    }

    public Uri GatewayAddress => new($"http://127.0.0.1:{_basePort}");

    public Uri SiloAddress(int silo) => new($"http://127.0.0.1:{_basePort + silo}");

    public static async Task<LocalCluster> StartAsync(int silos)
    {
        var cluster = new LocalCluster(silos);
        try
        {
            await cluster.RunAsync(TimeSpan.FromMinutes(4), "up", silos.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        cluster.AdminKey = (await File.ReadAllTextAsync(Path.Combine(cluster._directory, "admin-key"))).Trim();
        cluster.Gateway = cluster.Client(cluster.GatewayAddress);
        return cluster;
    }

    public Task KillSiloAsync(int silo) => RunAsync(TimeSpan.FromSeconds(30), "kill", silo.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task StartSiloAsync(int silo) => RunAsync(TimeSpan.FromMinutes(2), "start", silo.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task RestartSiloAsync(int silo) => RunAsync(TimeSpan.FromMinutes(3), "restart", silo.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task StopDatabaseAsync() => RunAsync(TimeSpan.FromSeconds(60), "pg-stop");

    public Task StartDatabaseAsync() => RunAsync(TimeSpan.FromSeconds(60), "pg-start");

    /// <summary>The last lines of every node's log, for failure messages.</summary>
    public string Logs()
    {
        if (!Directory.Exists(_directory)) return "(no state folder)";
        var text = new StringBuilder();
        foreach (var log in Directory.GetFiles(_directory, "*.log").Order())
            text.AppendLine($"--- {Path.GetFileName(log)}").AppendLine(string.Join('\n', File.ReadLines(log).TakeLast(30)));
        return text.ToString();
    }

    private async Task RunAsync(TimeSpan within, params string[] arguments)
    {
        var script = Path.Combine(HubProcess.SolutionDirectory(), "deploy", "local-cluster.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["HUB_CLUSTER_DIR"] = _directory;
        start.Environment["HUB_BASE_PORT"] = _basePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HUB_SERVER_DLL"] = HubProcess.ServerDll();
        start.Environment["HUB_EXTRA_ARGS"] = "--Logging:LogLevel:Default Warning --Logging:LogLevel:AnalysisHub Information";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"local-cluster.sh {string.Join(' ', arguments)} did not finish in {within}:\n{Logs()}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"local-cluster.sh {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await error}{await output}\n{Logs()}");
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        try
        {
            await RunAsync(TimeSpan.FromSeconds(60), "down");
        }
        catch (Exception)
        {
            // best effort: a failed test's cluster must not hide the failure
        }
    }
}

/// <summary>Cluster tests run one at a time: each starts several processes on the machine's two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
