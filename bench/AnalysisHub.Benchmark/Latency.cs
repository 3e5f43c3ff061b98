using System.Diagnostics;

namespace AnalysisHub.Benchmark;

/// <summary>Latency percentiles in milliseconds (nearest rank, so every figure is a latency actually seen).</summary>
public sealed record LatencySummary(long Count, double P50Ms, double P90Ms, double P99Ms, double MaxMs, double MeanMs)
{
    public static LatencySummary From(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.ToArray();
        if (sorted.Length == 0) return new LatencySummary(0, 0, 0, 0, 0, 0);
        Array.Sort(sorted);
        double Rank(double p) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
        return new LatencySummary(sorted.Length, Rank(0.50), Rank(0.90), Rank(0.99), Math.Round(sorted[^1], 3), Math.Round(sorted.Average(), 3));
    }
}

/// <summary>Timing helpers on the monotonic high-resolution clock.</summary>
public static class Clock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static double MillisecondsSince(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;

    public static double Milliseconds(long start, long end) => Stopwatch.GetElapsedTime(start, end).TotalMilliseconds;

    /// <summary>Raises <paramref name="target"/> to <paramref name="value"/> if larger, from any thread.</summary>
    public static void StoreMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
