using System.Net;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>Request limits, on a hub configured with small ones.</summary>
public sealed class LimitsTests : IAsyncLifetime
{
    private readonly HubProcess _hub = new();

    public Task InitializeAsync() => _hub.StartAsync("--Ingest:MaxBatchRows", "3", "--Ingest:MaxBatchBytes", "4000");
    public Task DisposeAsync() => _hub.DisposeAsync().AsTask();

    [Fact]
    public async Task More_rows_than_the_limit_is_413_and_nothing_is_applied()
    {
        var rows = Enumerable.Range(0, 4).Select(i => Record($"l-{i}", "2020-01-01T10:00:00Z", "W06000015", "robbery"));
        var response = await _hub.Http.PostNdjson("crime", string.Join('\n', rows));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await _hub.Http.Total("nation:wales", "crime", "2020-01-01", "2020-12-31"));
    }

    [Fact]
    public async Task A_body_over_the_byte_limit_is_413()
    {
        var response = await _hub.Http.PostNdjson("crime", Record(new string('x', 100), "2020-01-01T10:00:00Z", "W06000015", "robbery") + new string(' ', 5000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
