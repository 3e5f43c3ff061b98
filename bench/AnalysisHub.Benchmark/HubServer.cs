using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AnalysisHub.Benchmark;

/// <summary>
/// A hub started by the benchmark: the built server DLL as a child process on free ports with a fresh data
/// directory, its output captured to a log file (so warnings and errors can be reported afterwards), and its
/// memory read from <c>/proc</c>.
/// </summary>
public sealed class HubServer : IAsyncDisposable
{
    private const int MaxProblemsKept = 20;

    private Process _process = null!; // set by Start, and again by KillAndRestartAsync
    private readonly ProcessStartInfo _start;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly List<string> _problems = [];
    private readonly bool _keepData;
    private string? _lastHeader;
    private int _warnings, _errors;
    private bool _closed;

    private HubServer(ProcessStartInfo start, StreamWriter log, Uri baseAddress, string root, bool keepData, string adminKey)
    {
        AdminKey = adminKey;
        _start = start;
        _log = log;
        BaseAddress = baseAddress;
        Root = root;
        _keepData = keepData;
    }

    public Uri BaseAddress { get; }

    /// <summary>The admin key the server was started with (<c>Hub:Auth:BootstrapAdminKey</c>), fresh each run.</summary>
    public string AdminKey { get; }
    public int ProcessId => _process.Id;

    /// <summary>Temporary folder holding <c>data/</c> and <c>server.log</c>.</summary>
    public string Root { get; }
    public string LogPath => Path.Combine(Root, "server.log");

    /// <param name="arguments">More switches for the server, such as a geography of the benchmark's own.</param>
    public static HubServer Start(string serverDll, IEnumerable<string> environment, bool keepData, IReadOnlyList<string>? arguments = null)
    {
        if (!File.Exists(serverDll))
            throw new FileNotFoundException($"server not built: {serverDll} (run: dotnet build -c Release src/AnalysisHub.Server)");

        var root = Directory.CreateTempSubdirectory("analysishub-bench-").FullName;
        var data = Path.Combine(root, "data");
        var (http, silo, gateway) = FreePorts();
        var baseAddress = new Uri($"http://127.0.0.1:{http}");
        var adminKey = "bench-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

        var start = new ProcessStartInfo("dotnet")
        {
            // The server's content root is its working directory: run it from its own output folder, as deployed.
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(serverDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     Path.GetFullPath(serverDll), "--urls", baseAddress.ToString().TrimEnd('/'), "--data-dir", data,
                     "--silo-port", silo.ToString(), "--gateway-port", gateway.ToString(),
                     "--Hub:Auth:BootstrapAdminKey", adminKey,
                     // The access-cost phase's anonymous clients query as fast as its keyed ones, each from an address
                     // of its own: an address's bucket is made as wide as a key's would need, so neither mode is throttled.
                     "--Hub:Auth:RateLimits:AnonymousPerSecond", "1000000", "--Hub:Auth:RateLimits:AnonymousBurst", "1000000",
                 }.Concat(arguments ?? []))
            start.ArgumentList.Add(arg);
        foreach (var pair in environment)
        {
            var equals = pair.IndexOf('=');
            start.Environment[pair[..equals]] = pair[(equals + 1)..];
        }

        var log = new StreamWriter(Path.Combine(root, "server.log")) { AutoFlush = true };
        var server = new HubServer(start, log, baseAddress, root, keepData, adminKey);
        server._process = server.Launch();
        return server;
    }

    /// <summary>Starts the server's command, its output going to the log.</summary>
    private Process Launch()
    {
        var process = new Process { StartInfo = _start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// <c>kill -9</c>, then the same command again over the same data and ports: the restart a crash leaves an
    /// operator with. Returns when the new process has been started (the moment restart times count from).
    /// </summary>
    public async Task<long> KillAndRestartAsync()
    {
        _process.Kill(entireProcessTree: true); // SIGKILL: nothing is flushed or checkpointed on the way down
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
        lock (_logLock) _log.WriteLine("--- killed (SIGKILL) and started again ---");
        var started = Clock.Now;
        _process = Launch();
        return started;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails early if the server exits.</summary>
    public async Task WaitUntilReadyAsync(HubApi api, TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode} before it was ready; see {LogPath}");
            if (await api.IsReadyAsync()) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"the server was not ready within {timeout.TotalSeconds:0} s; see {LogPath}");
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Resident set now and its high-water mark, in MiB, from <c>/proc/&lt;pid&gt;/status</c>.</summary>
    public MemorySample? SampleMemory(string phase)
    {
        try
        {
            double? rss = null, hwm = null;
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kibibytes(line) / 1024.0;
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kibibytes(line) / 1024.0;
            }
            return rss is { } r && hwm is { } h ? new MemorySample(phase, Math.Round(r, 1), Math.Round(h, 1)) : null;
        }
        catch (IOException)
        {
            return null; // not Linux, or the process is gone
        }
    }

    public ServerLogSummary LogSummary()
    {
        lock (_logLock) return new ServerLogSummary(LogPath, _warnings, _errors, [.. _problems]);
    }

    private static long Kibibytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The console logger writes "warn: Category[id]" then the message on the next line: keep both for the
    /// first few warnings and errors, and count them all.
    /// </summary>
    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_logLock)
        {
            if (_closed) return;
            _log.WriteLine(line);
            if (_lastHeader is { } header)
            {
                if (_problems.Count < MaxProblemsKept) _problems.Add($"{header} {line.Trim()}");
                _lastHeader = null;
            }
            if (line.StartsWith("warn:", StringComparison.Ordinal)) { _warnings++; _lastHeader = line; }
            else if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)) { _errors++; _lastHeader = line; }
            else if (line.Contains("Unhandled exception", StringComparison.Ordinal)) { _errors++; _lastHeader = line; }
        }
    }

    /// <summary>Three distinct free ports, held together while chosen so they cannot coincide.</summary>
    private static (int Http, int Silo, int Gateway) FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var l in listeners) l.Start();
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException) { } // already gone
        _process.Dispose();
        lock (_logLock)
        {
            _closed = true;
            _log.Dispose();
        }
        if (!_keepData)
        {
            try { Directory.Delete(Path.Combine(Root, "data"), recursive: true); }
            catch (IOException) { } // best effort: a temp folder
        }
    }
}

public sealed record MemorySample(string Phase, double RssMiB, double PeakRssMiB);

public sealed record ServerLogSummary(string Path, int Warnings, int Errors, IReadOnlyList<string> FirstProblems);
