using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnalysisHub.Benchmark;

/// <summary>Everything a run measured, as written to the results JSON.</summary>
public sealed class BenchReport
{
    public required MachineFacts Machine { get; init; }
    public required BenchOptions Options { get; init; }
    public required string Target { get; init; }
    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;
    public double GenerationSeconds { get; set; }
    public BulkResult? Bulk { get; set; }
    public ConvergenceResult? Convergence { get; set; }
    public ExactnessResult? Exactness { get; set; }
    public RecountResult? Recount { get; set; }
    public QueryResult? Queries { get; set; }
    public AccessCostResult? Access { get; set; }
    public HistoryResult? History { get; set; }
    public StreamingResult? Streaming { get; set; }
    public ConvergenceResult? StreamingConvergence { get; set; }
    public ExactnessResult? StreamingExactness { get; set; }
    public LiveResult? Live { get; set; }
    public BaselineResult? Baseline { get; set; }
    public List<MemorySample> Memory { get; } = [];
    public List<PhaseCpu> Cpu { get; } = [];
    public List<TargetCheck> Targets { get; } = [];
    public ServerLogSummary? ServerLog { get; set; }

    /// <summary>Correctness problems; any makes the run exit non-zero.</summary>
    public List<string> Failures { get; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Keep "≥" and "≤" readable in the file; it is never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A phase run for zero seconds has no rate: written as "NaN" rather than failing the whole report.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public async Task WriteAsync(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var file = File.Create(full);
        await JsonSerializer.SerializeAsync(file, this, Json);
    }

    /// <summary>The published targets, judged on this run's figures (absent figures are not judged).</summary>
    public void JudgeTargets()
    {
        Targets.Clear();
        // A cluster is judged on the production-cluster target: ≥ 50,000 records/s through the gateway.
        Targets.Add(Options.Cluster > 0
            ? TargetCheck.AtLeast("Bulk load (cluster)", Bulk?.RecordsPerSecond, "records/s", 50_000)
            : TargetCheck.AtLeast("Bulk load", Bulk?.RecordsPerSecond, "records/s", 100_000));
        Targets.Add(TargetCheck.AtLeast("Streaming ingest", Streaming?.RecordsPerSecond, "records/s", 20_000));
        Targets.Add(TargetCheck.AtMost("Convergence after bulk", Convergence?.Milliseconds, "ms", 1_000));
        Targets.Add(TargetCheck.AtMost("Query p99", Queries?.Latency.P99Ms, "ms", 10));
        if (Access is not null)
        {
            Targets.Add(TargetCheck.AtMost("Auth+audit per query", Access.QueryCostPercent, "%", 5));
            foreach (var ingest in Access.Ingest)
                Targets.Add(TargetCheck.AtMost($"Auth+audit, {ingest.Phase}", ingest.Percent, "%", 5));
        }
        if (Live is not null) Targets.Add(TargetCheck.AtMost("Live delivery p99", Live.Delivery.P99Ms, "ms", 1_000));
        Targets.Add(TargetCheck.AtMost("Peak resident (VmHWM)", Memory.LastOrDefault(m => m.Phase == "end")?.PeakRssMiB, "MiB", 1_536));
        if (History is { Steps.Count: > 0 } history)
        {
            Targets.Add(TargetCheck.AtMost("History: resident, any step", history.Steps.Max(s => s.RssMiB), "MiB", 1_536));
            // Growth per further million once 2M are in, as a share of what was resident before the step.
            var growth = history.Steps.Zip(history.Steps.Skip(1))
                .Where(p => p.First.Records >= 2_000_000 && p.First.RssMiB is > 0 && p.Second.RssMiB is not null)
                .Select(p => (p.Second.RssMiB!.Value - p.First.RssMiB!.Value) / p.First.RssMiB!.Value * 100 / ((p.Second.Records - p.First.Records) / 1e6))
                .DefaultIfEmpty(double.NaN).Max();
            Targets.Add(TargetCheck.AtMost("History: growth/million >2M", double.IsNaN(growth) ? null : Math.Round(growth, 1), "%", 10));
            Targets.Add(TargetCheck.AtMost("Restart: Wales exact", history.Restart.ExactMilliseconds, "ms", 10_000));
        }
    }
}

public sealed record TargetCheck(string Name, double? Value, string Unit, string Target, bool? Met)
{
    public static TargetCheck AtLeast(string name, double? value, string unit, double target) =>
        new(name, value, unit, $"≥ {Format.Number(target)} {unit}", value is { } v ? v >= target : null);

    public static TargetCheck AtMost(string name, double? value, string unit, double target) =>
        new(name, value, unit, $"≤ {Format.Number(target)} {unit}", value is { } v ? v <= target : null);
}

public sealed record MachineFacts(int ProcessorCount, string Os, string Architecture, string Runtime, string? Cpu, long MemoryMiB)
{
    public static MachineFacts Collect() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        CpuModel(),
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024));

    private static string? CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>Console output: a line per phase as it finishes, then the summary table against the targets.</summary>
public static class Format
{
    public static string Number(double value, int decimals = 0) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    public static void Machine(MachineFacts m, string target)
    {
        Console.WriteLine("AnalysisHub benchmark");
        Console.WriteLine($"  machine : {m.ProcessorCount} processors ({m.Cpu ?? "unknown cpu"}), {Number(m.MemoryMiB)} MiB memory");
        Console.WriteLine($"  os      : {m.Os} ({m.Architecture}), {m.Runtime}");
        Console.WriteLine($"  target  : {target}");
        Console.WriteLine();
    }

    public static void Section(string title) => Console.WriteLine($"== {title}");

    public static void Line(string label, string value) => Console.WriteLine($"   {label,-28} {value}");

    public static string Latency(LatencySummary l) =>
        $"p50 {l.P50Ms:0.00} ms, p90 {l.P90Ms:0.00} ms, p99 {l.P99Ms:0.00} ms, max {l.MaxMs:0.00} ms (n = {Number(l.Count)})";

    public static void Convergence(ConvergenceResult c)
    {
        Line("exact after", c.Converged ? $"{c.Milliseconds:0.0} ms ({c.Polls} polls)" : $"NOT EXACT within the timeout ({c.Polls} polls)");
        foreach (var f in c.Feeds)
            Line($"  {f.Feed}", $"{Number(f.Observed)} / {Number(f.Expected)}" + (f.Milliseconds is { } ms ? $" at {ms:0.0} ms" : " (not reached)"));
        if (c.PollErrors > 0) Line("poll errors", $"{c.PollErrors}; last: {c.LastPollError}");
    }

    public static void Exactness(ExactnessResult e)
    {
        Line("exactness", e.Exact
            ? $"OK ({e.SeriesChecked} footprint × feed totals; each of {string.Join(", ", e.KindsSummed)} sums to {e.Top})"
            : $"FAILED: {e.Mismatches.Count} mismatch(es)");
        foreach (var m in e.Mismatches.Take(20)) Line("", m);
    }

    public static void Recount(RecountResult r)
    {
        Line("recount audit", r.Differences == 0
            ? $"OK (GET /api/v1/admin/verify: no differences, {r.Milliseconds:0} ms)"
            : $"FAILED: {r.Differences} differing cell(s)");
        foreach (var d in r.Samples) Line("", d);
    }

    public static void Summary(BenchReport report)
    {
        Console.WriteLine();
        Console.WriteLine("== Results against targets");
        Console.WriteLine($"   {"Metric",-26} {"Value",18}   {"Target",-20} Status");
        Console.WriteLine($"   {new string('-', 26)} {new string('-', 18)}   {new string('-', 20)} ------");
        foreach (var t in report.Targets)
        {
            var value = t.Value is { } v ? $"{Number(v, t.Unit == "ms" ? 1 : 0)} {t.Unit}" : "n/a";
            var status = t.Met switch { true => "MET", false => "MISSED", null => "-" };
            Console.WriteLine($"   {t.Name,-26} {value,18}   {t.Target,-20} {status}");
        }
        if (report.Queries is { } q)
            Console.WriteLine($"   {"Queries",-26} {Number(q.QueriesPerSecond, 0) + " q/s",18}   ({Latency(q.Latency)})");
        if (report.Streaming is { } s)
            Console.WriteLine($"   {"Streaming ack latency",-26} {$"p50 {s.AckLatency.P50Ms:0.0} ms",18}   (p99 {s.AckLatency.P99Ms:0.0} ms)");
        if (report.Memory.LastOrDefault() is { } mem)
            Console.WriteLine($"   {"Resident at end (VmRSS)",-26} {Number(mem.RssMiB) + " MiB",18}");

        if (report.ServerLog is { } log)
        {
            Console.WriteLine();
            Console.WriteLine($"== Server log: {log.Warnings} warning(s), {log.Errors} error(s) — {log.Path}");
            foreach (var p in log.FirstProblems.Take(10)) Console.WriteLine($"   {p}");
        }
        Console.WriteLine();
        if (report.Failures.Count == 0) Console.WriteLine("Correctness: OK");
        else
        {
            Console.WriteLine($"Correctness: FAILED ({report.Failures.Count})");
            foreach (var f in report.Failures.Take(30)) Console.WriteLine($"   ! {f}");
        }
    }
}
