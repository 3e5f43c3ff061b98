using System.Net;
using AnalysisHub.Cli.Hub;
using AnalysisHub.Cli.Ingest;
using AnalysisHub.Cli.Tests.Support;

namespace AnalysisHub.Cli.Tests.Ingest;

/// <summary>Transient failures put in front of the real hub: the batches still arrive, once each.</summary>
[Collection(CliHubCollection.Name)]
public sealed class RetryTests(CliHub shared)
{
    /// <summary>Answers the first requests with the given failures, then lets requests through to the hub.</summary>
    private sealed class FlakyHandler(Queue<Func<HttpResponseMessage>> failures) : DelegatingHandler(new SocketsHttpHandler())
    {
        public int Failed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (failures)
            {
                if (failures.TryDequeue(out var fail))
                {
                    Failed++;
                    return Task.FromResult(fail());
                }
            }
            return base.SendAsync(request, cancellationToken);
        }
    }

    private static HttpResponseMessage Status(HttpStatusCode status) => new(status) { Headers = { RetryAfter = new(TimeSpan.Zero) } };

    [Fact]
    public async Task Batches_are_retried_after_503_429_and_connection_failures_and_count_once()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var text = string.Concat(Enumerable.Range(0, 30).Select(i =>
            $$"""{"id":"rt-{{run}}-{{i}}","occurredAt":"2014-06-02T10:00:00Z","area":"W06000010","category":"bicycle-theft"}""" + "\n"));
        var failures = new Queue<Func<HttpResponseMessage>>([
            () => Status(HttpStatusCode.ServiceUnavailable),
            () => Status(HttpStatusCode.TooManyRequests),
            () => throw new HttpRequestException("connection refused"),
            () => Status(HttpStatusCode.BadGateway),
        ]);
        var handler = new FlakyHandler(failures);
        var connection = new HubConnection(shared.Hub.BaseAddress, shared.Hub.AdminKey, "test");
        using var hub = new HubClient(connection, new RetryPolicy { Retries = 3, FirstDelay = TimeSpan.FromMilliseconds(10) }, handler);
        var tally = new IngestTally();
        var source = new InputSource("crime.ndjson", null, "crime", RecordFormat.Ndjson);
        var batches = BatchMaker.Batches(source, new MemoryStream(CliRun.Utf8(text)), new BatchLimits { MaxRows = 10 }).ToList();

        await new BatchUploader(hub, 2, tally, new NoProgress()).RunAsync(batches, CancellationToken.None);

        Assert.Equal(4, handler.Failed);
        Assert.Equal(4, hub.Retries);
        Assert.Equal(30, tally.Accepted);
        Assert.Equal(ExitCodes.Ok, tally.ExitCode);
        await Eventually.Equal(30L, () => HubQueries.TotalAsync(shared.Hub, "la:carmarthenshire", "crime", "2014-06-01", "2014-06-30", "bicycle-theft"));
    }

    [Fact]
    public async Task A_hub_that_keeps_failing_ends_the_upload_as_unavailable()
    {
        var failures = new Queue<Func<HttpResponseMessage>>(Enumerable.Range(0, 10).Select(_ => (Func<HttpResponseMessage>)(() => Status(HttpStatusCode.ServiceUnavailable))));
        var connection = new HubConnection(shared.Hub.BaseAddress, shared.Hub.AdminKey, "test");
        using var hub = new HubClient(connection, new RetryPolicy { Retries = 2, FirstDelay = TimeSpan.FromMilliseconds(10) }, new FlakyHandler(failures));
        var source = new InputSource("crime.ndjson", null, "crime", RecordFormat.Ndjson);
        var batches = BatchMaker.Batches(source, new MemoryStream(CliRun.Utf8("{}\n")), new BatchLimits()).ToList();

        var failure = await Assert.ThrowsAsync<HubCommandException>(() => new BatchUploader(hub, 1, new IngestTally(), new NoProgress()).RunAsync(batches, CancellationToken.None));

        Assert.Equal(ExitCodes.ServerUnavailable, failure.ExitCode);
        Assert.Contains("503", failure.Message);
    }

    private sealed class NoProgress : IProgressSink
    {
        public void Advance(long bytes, int records) { }
    }
}
