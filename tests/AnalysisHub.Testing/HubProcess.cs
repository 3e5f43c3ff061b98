using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AnalysisHub.Testing;

/// <summary>
/// The real server as a separate process (the built AnalysisHub.Server.dll) on free ports with a data folder
/// of its own, so tests can stop it, <c>kill -9</c> it and start it again on the same data.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public HubProcess(string? dataDirectory = null, string? adminKey = null)
    {
        if (adminKey is not null) AdminKey = adminKey;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "hub-test-" + Guid.NewGuid().ToString("N"));
    }

    public string DataDirectory { get; }

    /// <summary>
    /// The admin key this hub is started with (<c>Hub:Auth:BootstrapAdminKey</c>); <see cref="Http"/> sends it, so
    /// tests that are not about access control act as an administrator. Tests of other audiences make clients of
    /// their own with <see cref="Client"/>.
    /// </summary>
    public string AdminKey { get; private set; } = "test-admin-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// False starts the hub without <c>Hub:Auth:BootstrapAdminKey</c>, as the README's command does: a hub with no key
    /// then generates one into <c>&lt;data-dir&gt;/admin-key</c>, which becomes <see cref="AdminKey"/> once it is ready.
    /// </summary>
    public bool Bootstrap { get; init; } = true;
    /// <summary>Where a hub started without a bootstrap key writes the admin key it generates.</summary>
    public string AdminKeyFile => Path.Combine(DataDirectory, "admin-key");

    /// <summary>The folder the server is run from (default: the tests' own), as a user runs it from wherever they are.</summary>
    public string? WorkingDirectory { get; init; }
    /// <summary>
    /// True leaves the log levels to the server's own settings, as a user meets them; by default tests start it
    /// at warnings only, so that what it prints is what went wrong.
    /// </summary>
    public bool DefaultLogging { get; init; }

    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Everything the server printed, for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public async Task StartAsync(params string[] extraArguments)
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (WorkingDirectory is not null) start.WorkingDirectory = WorkingDirectory;
        foreach (var a in new[]
                 {
                     ServerDll(), "--urls", BaseAddress.ToString(), "--data-dir", DataDirectory,
                     "--silo-port", FreePort().ToString(), "--gateway-port", FreePort().ToString(),
                 }.Concat(DefaultLogging ? [] : ["--Logging:LogLevel:Default", "Warning"])
                  .Concat(Bootstrap ? ["--Hub:Auth:BootstrapAdminKey", AdminKey] : []).Concat(extraArguments))
            start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Http = Client(Bootstrap ? AdminKey : null);

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"server exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await Http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    if (!Bootstrap && File.Exists(AdminKeyFile))
                    {
                        AdminKey = (await File.ReadAllTextAsync(AdminKeyFile)).Trim();
                        Http.Dispose();
                        Http = Client(AdminKey);
                    }
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"server not ready within 90 s:\n{Output}");
    }

    /// <summary>A client of this hub that sends <paramref name="apiKey"/> in <c>X-Api-Key</c> (none: anonymous).</summary>
    public HttpClient Client(string? apiKey, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        if (apiKey is not null) http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return http;
    }

    /// <summary>Runs the server and waits for it to exit by itself (for start-up failures).</summary>
    public async Task<(int ExitCode, string Output)> RunToExitAsync(TimeSpan within, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServerDll());
        // The caller's arguments first: a command (`migrate`) must be the first argument.
        foreach (var a in arguments.Concat(["--data-dir", DataDirectory, "--urls", $"http://127.0.0.1:{FreePort()}"]))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(within);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public int Pid => _process?.Id ?? throw new InvalidOperationException("not running");

    /// <summary>Waits for the process to end by itself (after SIGTERM, say).</summary>
    public async Task WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await _process!.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
        Http.Dispose();
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — what a power cut or OOM kill does.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
        Http.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The folder holding AnalysisHub.sln, found upwards from the test assembly.</summary>
    public static string SolutionDirectory()
    {
        var testDirectory = AppContext.BaseDirectory;
        var root = new DirectoryInfo(testDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AnalysisHub.sln"))) root = root.Parent;
        return root?.FullName ?? throw new InvalidOperationException("AnalysisHub.sln not found above " + testDirectory);
    }

    /// <summary>The server built beside these tests (same configuration), found from the solution folder.</summary>
    public static string ServerDll()
    {
        var testDirectory = AppContext.BaseDirectory;
        var configuration = testDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(SolutionDirectory(), "src", "AnalysisHub.Server", "bin", configuration, "net10.0", "AnalysisHub.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the server first", dll);
    }
}
