using System.Text;

namespace AnalysisHub.Server.Tests;

/// <summary>What an operator sees with <c>Telemetry:Console</c>: an ingest request's trace and the hub's metrics.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task An_ingest_request_is_traced_through_its_commit_to_the_grain_calls_and_the_hub_metrics_are_exported()
    {
        await using var hub = new HubProcess();
        await hub.StartAsync("--Telemetry:Console", "true", "--OTEL_METRIC_EXPORT_INTERVAL", "500");
        var posted = await hub.Http.PostAsync("/api/v1/feeds/crime/records", new StringContent(
            """{"id":"t1","occurredAt":"2025-05-01T10:00:00Z","area":"W06000015","category":"burglary"}""", Encoding.UTF8, "application/x-ndjson"));
        posted.EnsureSuccessStatusCode();

        string[] metrics = ["hub.ingest.rows", "hub.ingest.batch_duration", "hub.rollup.lag", "hub.grains.active", "hub.live.subscribers"];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !(metrics.All(m => hub.Output.Contains(m, StringComparison.Ordinal)) && Trace(hub.Output) is not null))
            await Task.Delay(250);

        var output = hub.Output;
        foreach (var metric in metrics) Assert.True(output.Contains($"Metric Name: {metric}", StringComparison.Ordinal), $"{metric} not exported:\n{Tail(output)}");
        var spans = Trace(output);
        Assert.True(spans is not null, $"no ingest trace with its commit and grain call:\n{Tail(output)}");
    }

    /// <summary>The span names of the trace holding the POST, if it also holds the commit and an ApplyChanges call.</summary>
    private static List<string>? Trace(string output)
    {
        var spans = output.Split("Activity.TraceId:").Skip(1)
            .Select(block => (Trace: block.Split('\n')[0].Trim(),
                Name: block.Split('\n').FirstOrDefault(l => l.StartsWith("Activity.DisplayName:", StringComparison.Ordinal))?["Activity.DisplayName:".Length..].Trim()))
            .Where(s => s.Name is not null).ToList();
        var post = spans.FirstOrDefault(s => s.Name!.StartsWith("POST /api/v1/feeds/", StringComparison.Ordinal));
        if (post.Trace is null) return null;
        var names = spans.Where(s => s.Trace == post.Trace).Select(s => s.Name!).ToList();
        return names.Contains("ledger commit") && names.Contains("deliver changes") && names.Contains("IAuthorityGrain/ApplyChanges") ? names : null;
    }

    private static string Tail(string output) => output.Length > 3000 ? output[^3000..] : output;
}
