using System.Net;
using System.Text.Json;
using AnalysisHub.Testing;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests.Footprints;

/// <summary>
/// <c>GET /api/v1/footprints/{id}/extent</c> on a hub of its own, so that every record in it is the test's:
/// empty at first, then the months the records reach, per feed, in the footprints holding them.
/// </summary>
public sealed class ExtentTests : IAsyncLifetime
{
    private readonly HubProcess _hub = new();

    public Task InitializeAsync() => _hub.StartAsync();
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_extent_is_empty_until_records_arrive_then_spans_their_months_per_feed_and_shrinks_when_they_are_cancelled()
    {
        using var anonymous = _hub.Client(null);
        var empty = await anonymous.GetJson("/api/v1/footprints/nation:wales/extent");
        Assert.Equal("nation:wales", empty.GetProperty("footprint").GetString());
        Assert.Empty(empty.GetProperty("feeds").EnumerateArray());

        await _hub.Http.IngestNdjson("crime",
            // 23:30 UTC on 30 June is 00:30 on 1 July in Cardiff: the extent is in local months.
            Record("x-1", "2025-06-30T23:30:00Z", "W06000015", "violence-with-injury"),
            Record("x-2", "2024-11-02T10:00:00Z", "W06000015", "burglary"));
        await _hub.Http.IngestNdjson("incidents",
            """{"id":"x-3","occurredAt":"2023-02","precision":"month","area":"W06000011","category":"anti-social-behaviour"}""");

        await Eventually(async () =>
        {
            var wales = Feeds(await anonymous.GetJson("/api/v1/footprints/nation:wales/extent"));
            return wales.GetValueOrDefault("crime") == ("2024-11", "2025-07") && wales.GetValueOrDefault("incidents") == ("2023-02", "2023-02");
        });
        var cardiff = Feeds(await anonymous.GetJson("/api/v1/footprints/W06000015/extent"));
        Assert.Equal(new Dictionary<string, (string, string)> { ["crime"] = ("2024-11", "2025-07") }, cardiff);
        Assert.Empty(Feeds(await anonymous.GetJson("/api/v1/footprints/la:powys/extent")));

        await _hub.Http.IngestNdjson("crime", Record("x-2", "2024-11-02T10:00:00Z", "W06000015", "burglary", version: 2, status: "cancelled"));
        await Eventually(async () => Feeds(await anonymous.GetJson("/api/v1/footprints/nation:wales/extent")).GetValueOrDefault("crime") == ("2025-07", "2025-07"));

        var missing = await anonymous.GetAsync("/api/v1/footprints/la:nowhere/extent");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    private static Dictionary<string, (string, string)> Feeds(JsonElement extent) =>
        extent.GetProperty("feeds").EnumerateArray().ToDictionary(
            f => f.GetProperty("feed").GetString()!,
            f => (f.GetProperty("firstMonth").GetString()!, f.GetProperty("lastMonth").GetString()!));

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the extent did not reach what was expected within 20 s");
            await Task.Delay(100);
        }
    }
}
