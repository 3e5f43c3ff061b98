using System.Diagnostics;

namespace AnalysisHub.Benchmark;

/// <summary>
/// CPU used by the hub and by the benchmark itself over one phase. On a small machine both share the same
/// cores, so a phase's figures only mean something next to how much of the CPU the client took.
/// </summary>
public sealed class CpuMeter
{
    private readonly Process? _server;
    private readonly long _start = Clock.Now;
    private readonly TimeSpan _serverStart, _benchStart;

    private CpuMeter(int? serverPid)
    {
        try { _server = serverPid is { } pid ? Process.GetProcessById(pid) : null; }
        catch (ArgumentException) { _server = null; } // already gone
        _serverStart = ServerCpu();
        _benchStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public static CpuMeter Start(HubServer? server) => new(server?.ProcessId);

    public PhaseCpu Stop(string phase)
    {
        var wall = Clock.MillisecondsSince(_start) / 1000;
        var bench = (Process.GetCurrentProcess().TotalProcessorTime - _benchStart).TotalSeconds;
        double? serverSeconds = _server is null ? null : (ServerCpu() - _serverStart).TotalSeconds;
        return new PhaseCpu(phase, Math.Round(wall, 2), serverSeconds is { } s ? Math.Round(s / wall, 2) : null, Math.Round(bench / wall, 2))
        {
            ServerSeconds = serverSeconds,
        };
    }

    private TimeSpan ServerCpu()
    {
        if (_server is null) return TimeSpan.Zero;
        try
        {
            _server.Refresh();
            return _server.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero; // exited
        }
    }
}

/// <summary>Average cores busy during a phase (1.0 = one core fully used).</summary>
public sealed record PhaseCpu(string Phase, double WallSeconds, double? ServerCores, double BenchmarkCores)
{
    /// <summary>The hub's CPU time over the phase, unrounded (what a per-request cost is divided from).</summary>
    public double? ServerSeconds { get; init; }

    public override string ToString() =>
        $"hub {(ServerCores is { } s ? $"{s:0.00}" : "n/a")} cores, benchmark {BenchmarkCores:0.00} cores over {WallSeconds:0.0} s";
}
