using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>Alerts raised automatically as data arrive, stored, listed and pushed to live subscribers.</summary>
[Collection(SharedHubCollection.Name)]
public sealed class AlertTests(SharedHub shared)
{
    [Fact]
    public async Task A_surge_this_week_raises_an_alert_once_that_is_listed_and_pushed_live()
    {
        var alerts = Channel.CreateUnbounded<JsonElement>();
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(shared.Hub.BaseAddress, "/hubs/live")).Build();
        connection.On<JsonElement>("alertRaised", a => alerts.Writer.TryWrite(a));
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", "la:ceredigion", "ambulance-assaults", (string?)null);

        // One a week for ten weeks, then 25 this week, in Ceredigion.
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var rows = Enumerable.Range(1, 10).Select(w => Record($"al-base-{w}", $"{now.AddDays(-7 * w):yyyy-MM-ddTHH:mm:ss}Z", "W06000008", "assault"))
            .Concat(Enumerable.Range(0, 25).Select(i => Record($"al-surge-{i}", $"{now:yyyy-MM-ddTHH:mm:ss}Z", "W06000008", "assault"))).ToArray();
        await shared.Http.IngestNdjson("ambulance-assaults", rows);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        JsonElement pushed;
        do pushed = await alerts.Reader.ReadAsync(timeout.Token);
        while (pushed.GetProperty("footprint").GetString() != "la:ceredigion");
        Assert.Equal("ambulance-assaults", pushed.GetProperty("feed").GetString());
        Assert.Equal("ears-c2", pushed.GetProperty("method").GetString());
        Assert.True(pushed.GetProperty("count").GetInt64() >= 25);

        var listed = (await shared.Http.GetJson("/api/v1/alerts?footprint=W06000008")).EnumerateArray()
            .Where(a => a.GetProperty("feed").GetString() == "ambulance-assaults").ToList();
        var alert = Assert.Single(listed, a => a.GetProperty("period").GetString() == pushed.GetProperty("period").GetString());
        Assert.True(alert.GetProperty("count").GetInt64() > alert.GetProperty("threshold").GetDouble());

        // Raised once: later sweeps of the same week add nothing.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var again = (await shared.Http.GetJson("/api/v1/alerts?footprint=la:ceredigion")).EnumerateArray()
            .Count(a => a.GetProperty("feed").GetString() == "ambulance-assaults" && a.GetProperty("period").GetString() == pushed.GetProperty("period").GetString());
        Assert.Equal(1, again);
    }

    [Fact]
    public async Task A_bad_since_or_footprint_is_a_problem()
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await shared.Http.GetAsync("/api/v1/alerts?since=yesterday")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await shared.Http.GetAsync("/api/v1/alerts?footprint=la:atlantis")).StatusCode);
    }
}
