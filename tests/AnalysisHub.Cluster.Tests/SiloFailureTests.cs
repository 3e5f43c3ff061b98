using Xunit.Abstractions;

namespace AnalysisHub.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SiloFailureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_two_of_three_silos_mid_stream_loses_and_double_counts_nothing()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 3);
        var exactness = await Exactness.LoadAsync(cluster.Gateway);
        var stream = new RecordStream(cluster.Gateway, exactness.AuthorityCodes, "kill");
        const int Batches = 200, BatchSize = 1_000;

        var streaming = stream.RunAsync(Batches, BatchSize, senders: 4);
        await WhenAcknowledged(stream, 60_000, streaming);
        var firstKill = stream.Elapsed;
        await cluster.KillSiloAsync(1);
        await WhenAcknowledged(stream, 130_000, streaming);
        var secondKill = stream.Elapsed;
        await cluster.KillSiloAsync(2);
        await streaming;
        var streamEnded = stream.Elapsed;

        var convergence = await exactness.WaitUntilExactAsync(stream.AcknowledgedByAuthority, TimeSpan.FromSeconds(90));
        Assert.Equal(Batches * BatchSize, stream.AcknowledgedRecords);
        output.WriteLine($"{stream.AcknowledgedRecords:N0} records acknowledged in {streamEnded.TotalSeconds:0.0} s " +
                         $"({stream.AcknowledgedRecords / streamEnded.TotalSeconds:N0}/s); silo 1 killed at {firstKill.TotalSeconds:0.0} s, silo 2 at {secondKill.TotalSeconds:0.0} s");
        output.WriteLine($"failed attempts (all retried): {stream.Failures.Count}; slowest attempt {stream.SlowestAttempt.TotalMilliseconds:N0} ms");
        foreach (var f in stream.Failures.Take(10)) output.WriteLine($"  at {f.At.TotalSeconds:0.0} s: {f.Status} after {f.Took.TotalMilliseconds:N0} ms {f.Detail[..Math.Min(120, f.Detail.Length)]}");
        output.WriteLine($"every footprint exact {convergence.TotalMilliseconds:N0} ms after the last acknowledgement");
        Assert.All(stream.Failures, f => Assert.True(f.Status == 503 && f.HasRetryAfter, $"unexpected failure: {f}"));
    }

    private static async Task WhenAcknowledged(RecordStream stream, long records, Task streaming)
    {
        while (stream.AcknowledgedRecords < records && !streaming.IsCompleted) await Task.Delay(20);
        Assert.False(streaming.IsFaulted, streaming.Exception?.ToString());
    }
}
