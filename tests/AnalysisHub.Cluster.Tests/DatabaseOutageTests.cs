using Xunit.Abstractions;

namespace AnalysisHub.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_PostgreSQL_stopped_for_ten_seconds_ingest_answers_503_with_retry_after_then_resumes_losing_nothing()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 2);
        var exactness = await Exactness.LoadAsync(cluster.Gateway);
        var stream = new RecordStream(cluster.Gateway, exactness.AuthorityCodes, "outage");
        // Small batches from several senders, so requests are in flight at every moment of the outage.
        var streaming = stream.RunAsync(batches: 600, batchSize: 100, senders: 4);

        while (stream.AcknowledgedRecords < 10_000 && !streaming.IsCompleted) await Task.Delay(20);
        var stopped = stream.Elapsed;
        await cluster.StopDatabaseAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        await cluster.StartDatabaseAsync();
        var restarted = stream.Elapsed;
        var acknowledgedAtRestart = stream.AcknowledgedRecords;
        await streaming;

        var convergence = await exactness.WaitUntilExactAsync(stream.AcknowledgedByAuthority, TimeSpan.FromSeconds(90));
        var duringOutage = stream.Failures.Where(f => f.At >= stopped && f.At <= restarted).ToList();
        output.WriteLine($"PostgreSQL down from {stopped.TotalSeconds:0.0} s to {restarted.TotalSeconds:0.0} s; " +
                         $"{duringOutage.Count} attempts refused in that time, {stream.Failures.Count} in all; slowest attempt {stream.SlowestAttempt.TotalMilliseconds:N0} ms");
        output.WriteLine($"{stream.AcknowledgedRecords:N0} acknowledged ({stream.AcknowledgedRecords - acknowledgedAtRestart:N0} after the restart); exact {convergence.TotalMilliseconds:N0} ms after the last");

        Assert.NotEmpty(duringOutage);
        Assert.All(stream.Failures, f => Assert.True(f.Status == 503 && f.HasRetryAfter && f.IsProblem, $"not a 503 problem with Retry-After: {f}"));
        // Never a hang: a refused attempt answers at once rather than waiting out the outage.
        Assert.True(stream.SlowestAttempt < TimeSpan.FromSeconds(8), $"slowest attempt took {stream.SlowestAttempt}");
        Assert.Equal(60_000, stream.AcknowledgedRecords);
    }
}
