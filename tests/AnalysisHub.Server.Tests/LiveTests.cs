using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>Live updates through the real server: SignalR and Server-Sent Events.</summary>
[Collection(SharedHubCollection.Name)]
public sealed class LiveTests(SharedHub shared)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    // Live snapshots cover recent days, so these tests post records dated today (UTC noon can be tomorrow's
    // early hours in London only at 23:00+ UTC; 10:00Z is always today's date in London).
    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_signalr_subscriber_gets_a_snapshot_then_the_new_count_without_polling()
    {
        var messages = Channel.CreateUnbounded<JsonElement>();
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(shared.Hub.BaseAddress, "/hubs/live"), o => o.Headers["X-Api-Key"] = shared.Hub.AdminKey).Build();
        connection.On<JsonElement>("rollupChanged", m => messages.Writer.TryWrite(m));
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", "W06000024", "ambulance-assaults", (string?)null);

        var snapshot = await Next(messages);
        Assert.True(snapshot.GetProperty("snapshot").GetBoolean());
        Assert.Equal("la:merthyr-tydfil", snapshot.GetProperty("footprint").GetString());
        var before = TodayCount(snapshot);

        await shared.Http.IngestNdjson("ambulance-assaults", Record($"live-sr-{Guid.NewGuid():N}", $"{Today}T10:00:00Z", "W06000024", "assault"));
        var update = await NextWhere(messages, m => !m.GetProperty("snapshot").GetBoolean() && TodayCount(m) == before + 1);
        Assert.Contains(update.GetProperty("periods").EnumerateArray(), p => p.GetProperty("granularity").GetString() == "month");
    }

    [Fact]
    public async Task Subscribing_to_an_unknown_footprint_is_an_error_naming_it()
    {
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(shared.Hub.BaseAddress, "/hubs/live"), o => o.Headers["X-Api-Key"] = shared.Hub.AdminKey).Build();
        await connection.StartAsync();
        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", "la:atlantis", "crime", (string?)null));
        Assert.Contains("la:atlantis", error.Message);
    }

    [Fact]
    public async Task An_sse_client_gets_a_snapshot_event_then_rollup_changed_events()
    {
        using var http = shared.Hub.Client(shared.Hub.AdminKey, Timeout.InfiniteTimeSpan);
        using var response = await http.GetAsync("/api/v1/footprints/force:gwent/stream?feed=ed-assaults&category=assault",
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var snapshot = await NextEvent(reader);
        Assert.True(snapshot.GetProperty("snapshot").GetBoolean());
        Assert.Equal("force:gwent", snapshot.GetProperty("footprint").GetString());
        var before = TodayCount(snapshot);

        await shared.Http.IngestNdjson("ed-assaults",
            Record($"live-sse-{Guid.NewGuid():N}", $"{Today}T10:00:00Z", "W06000022", "means-body"),
            Record($"live-sse-{Guid.NewGuid():N}", $"{Today}T10:05:00Z", "W06000018", "means-glass-or-bottle"));
        var deadline = DateTime.UtcNow + Within;
        JsonElement update;
        do update = await NextEvent(reader);
        while (TodayCount(update) != before + 2 && DateTime.UtcNow < deadline);
        Assert.False(update.GetProperty("snapshot").GetBoolean());
        Assert.Equal(before + 2, TodayCount(update));
    }

    [Fact]
    public async Task An_sse_request_for_an_unknown_feed_is_a_problem()
    {
        var response = await shared.Http.GetAsync("/api/v1/footprints/la:cardiff/stream?feed=parking");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("parking", await response.Content.ReadAsStringAsync());
    }

    private static long TodayCount(JsonElement message) => message.GetProperty("periods").EnumerateArray()
        .Where(p => p.GetProperty("granularity").GetString() == "day" && p.GetProperty("period").GetString() == Today)
        .Select(p => p.GetProperty("count").GetInt64()).FirstOrDefault();

    private static async Task<JsonElement> Next(Channel<JsonElement> messages)
    {
        using var timeout = new CancellationTokenSource(Within);
        return await messages.Reader.ReadAsync(timeout.Token);
    }

    private static async Task<JsonElement> NextWhere(Channel<JsonElement> messages, Func<JsonElement, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(Within);
        while (true)
        {
            var message = await messages.Reader.ReadAsync(timeout.Token);
            if (wanted(message)) return message;
        }
    }

    /// <summary>Reads the next SSE event (skipping heartbeat comments) and returns its JSON data.</summary>
    private static async Task<JsonElement> NextEvent(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(Within);
        string? name = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Assert.Equal("rollupChanged", name);
                return JsonDocument.Parse(line[6..]).RootElement;
            }
        }
        throw new EndOfStreamException("the event stream ended");
    }
}
