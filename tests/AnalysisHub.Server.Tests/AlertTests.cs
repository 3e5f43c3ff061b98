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
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(shared.Hub.BaseAddress, "/hubs/live"), o => o.Headers["X-Api-Key"] = shared.Hub.AdminKey).Build();
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
    public async Task A_surge_in_the_last_complete_month_of_month_precision_records_raises_a_monthly_alert()
    {
        var alerts = Channel.CreateUnbounded<JsonElement>();
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(shared.Hub.BaseAddress, "/hubs/live"), o => o.Headers["X-Api-Key"] = shared.Hub.AdminKey).Build();
        connection.On<JsonElement>("alertRaised", a => alerts.Writer.TryWrite(a));
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", "la:monmouthshire", "crime", (string?)null);

        // Police violence in Monmouthshire known only to its month, filed as `hub import police-uk` files it (data.police.uk
        // has one type for violence and sexual offences): five a month for the ten months before the last complete
        // month, then 30 in it.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var rows = Enumerable.Range(1, 10).SelectMany(m => Enumerable.Range(0, 5).Select(i =>
                ExceedanceTests.MonthRecord($"am-base-{m}-{i}", $"{lastMonth.AddMonths(-m):yyyy-MM}", "W06000021", "violence-and-sexual-offences")))
            .Concat(Enumerable.Range(0, 30).Select(i => ExceedanceTests.MonthRecord($"am-surge-{i}", $"{lastMonth:yyyy-MM}", "W06000021", "violence-and-sexual-offences"))).ToArray();
        await shared.Http.IngestNdjson("crime", rows);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        JsonElement pushed;
        do pushed = await alerts.Reader.ReadAsync(timeout.Token);
        while (pushed.GetProperty("footprint").GetString() != "la:monmouthshire");
        Assert.Equal(("crime", "violence-and-sexual-offences", "month", $"{lastMonth:yyyy-MM}"),
            (pushed.GetProperty("feed").GetString(), pushed.GetProperty("category").GetString(), pushed.GetProperty("granularity").GetString(), pushed.GetProperty("period").GetString()));
        Assert.Equal(($"{lastMonth:yyyy-MM-dd}", $"{lastMonth.AddMonths(1).AddDays(-1):yyyy-MM-dd}"),
            (pushed.GetProperty("start").GetString(), pushed.GetProperty("end").GetString()));
        Assert.Equal("ears-c2", pushed.GetProperty("method").GetString());
        Assert.Equal(30, pushed.GetProperty("count").GetInt64());
        Assert.Equal(5.0, pushed.GetProperty("expected").GetDouble(), 9);

        // Listed with its granularity, and chosen by it; the weekly alerts of Monmouthshire have none of it.
        var monthly = (await shared.Http.GetJson("/api/v1/alerts?footprint=la:monmouthshire&granularity=month")).EnumerateArray().ToList();
        var listed = Assert.Single(monthly, a => a.GetProperty("feed").GetString() == "crime");
        Assert.Equal(pushed.GetProperty("period").GetString(), listed.GetProperty("period").GetString());
        Assert.DoesNotContain((await shared.Http.GetJson("/api/v1/alerts?footprint=la:monmouthshire&granularity=week")).EnumerateArray(),
            a => a.GetProperty("feed").GetString() == "crime");
        Assert.All((await shared.Http.GetJson("/api/v1/alerts?granularity=week")).EnumerateArray(),
            a => Assert.Equal("week", a.GetProperty("granularity").GetString()));

        // The month's records are withdrawn at source: the month now holds no month-precision records, and its standing
        // alert is tested again and withdrawn.
        await shared.Http.IngestNdjson("crime", Enumerable.Range(0, 30).Select(i =>
            $$"""{"id":"am-surge-{{i}}","version":2,"status":"cancelled"}""").ToArray());
        var deadline = DateTime.UtcNow.AddSeconds(45);
        JsonElement withdrawn;
        while (true)
        {
            withdrawn = (await shared.Http.GetJson("/api/v1/alerts?footprint=la:monmouthshire&granularity=month&include=withdrawn")).EnumerateArray()
                .Single(a => a.GetProperty("feed").GetString() == "crime");
            if (withdrawn.GetProperty("withdrawnAt").ValueKind != JsonValueKind.Null) break;
            Assert.True(DateTime.UtcNow < deadline, "the monthly alert was not withdrawn: " + withdrawn);
            await Task.Delay(500);
        }
        Assert.StartsWith("no longer exceeds: count 0", withdrawn.GetProperty("reason").GetString());
        Assert.Equal("month", withdrawn.GetProperty("granularity").GetString());
    }

    [Fact]
    public async Task A_surge_in_a_month_published_two_months_late_raises_its_monthly_alert()
    {
        // As data.police.uk publishes: the month before last arrives while the last complete month is still empty.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        var surgeMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
        var rows = Enumerable.Range(1, 10).SelectMany(m => Enumerable.Range(0, 4).Select(i =>
                ExceedanceTests.MonthRecord($"al-base-{m}-{i}", $"{surgeMonth.AddMonths(-m):yyyy-MM}", "W06000019", "violence-and-sexual-offences")))
            .Concat(Enumerable.Range(0, 25).Select(i => ExceedanceTests.MonthRecord($"al-surge-{i}", $"{surgeMonth:yyyy-MM}", "W06000019", "violence-and-sexual-offences"))).ToArray();
        await shared.Http.IngestNdjson("crime", rows);

        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            var monthly = (await shared.Http.GetJson("/api/v1/alerts?footprint=la:blaenau-gwent&granularity=month")).EnumerateArray()
                .Where(a => a.GetProperty("feed").GetString() == "crime").ToList();
            if (monthly.Count > 0)
            {
                var alert = Assert.Single(monthly);
                Assert.Equal($"{surgeMonth:yyyy-MM}", alert.GetProperty("period").GetString());
                Assert.Equal(25, alert.GetProperty("count").GetInt64());
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "no monthly alert for the month before last");
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task A_granularity_other_than_week_or_month_is_a_problem_naming_it()
    {
        var response = await shared.Http.GetAsync("/api/v1/alerts?granularity=fortnight");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("fortnight", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_surge_cancelled_after_its_alert_withdraws_the_alert_which_is_pushed_live_listed_only_on_request_and_raised_again_if_restored()
    {
        var signalR = Channel.CreateUnbounded<(string Name, JsonElement Alert)>();
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(shared.Hub.BaseAddress, "/hubs/live"), o => o.Headers["X-Api-Key"] = shared.Hub.AdminKey).Build();
        connection.On<JsonElement>("alertRaised", a => signalR.Writer.TryWrite(("alertRaised", a)));
        connection.On<JsonElement>("alertWithdrawn", a => signalR.Writer.TryWrite(("alertWithdrawn", a)));
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", "la:isle-of-anglesey", "ed-assaults", (string?)null);
        using var sseHttp = shared.Hub.Client(shared.Hub.AdminKey, Timeout.InfiniteTimeSpan);
        using var stream = await sseHttp.GetAsync("/api/v1/footprints/la:isle-of-anglesey/stream?feed=ed-assaults", HttpCompletionOption.ResponseHeadersRead);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var sse = ReadEvents(new StreamReader(await stream.Content.ReadAsStreamAsync()), timeout.Token);

        // One a week for ten weeks, then 25 this week, in Anglesey: raised.
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var surge = Enumerable.Range(0, 25).Select(i => $"aw-surge-{i}").ToList();
        await shared.Http.IngestNdjson("ed-assaults", Enumerable.Range(1, 10)
            .Select(w => Record($"aw-base-{w}", $"{now.AddDays(-7 * w):yyyy-MM-ddTHH:mm:ss}Z", "W06000001", "means-body"))
            .Concat(surge.Select(id => Record(id, $"{now:yyyy-MM-ddTHH:mm:ss}Z", "W06000001", "means-body"))).ToArray());
        var raised = await NextFor(signalR.Reader, "alertRaised", timeout.Token);
        var week = raised.GetProperty("period").GetString();
        Assert.Equal(JsonValueKind.Null, raised.GetProperty("withdrawnAt").ValueKind);
        Assert.Contains(await Listed(""), a => a.GetProperty("period").GetString() == week);

        // The surge is cancelled at source: this week is back to no events, and the alert is withdrawn.
        await shared.Http.IngestNdjson("ed-assaults",
            surge.Select(id => Record(id, $"{now:yyyy-MM-ddTHH:mm:ss}Z", "W06000001", "means-body", version: 2, status: "cancelled")).ToArray());
        var withdrawn = await NextFor(signalR.Reader, "alertWithdrawn", timeout.Token);
        Assert.Equal(week, withdrawn.GetProperty("period").GetString());
        Assert.Equal(raised.GetProperty("method").GetString(), withdrawn.GetProperty("method").GetString());
        Assert.True(withdrawn.GetProperty("withdrawnAt").GetDateTimeOffset() >= raised.GetProperty("raisedAt").GetDateTimeOffset());
        Assert.StartsWith("no longer exceeds: count 0, threshold ", withdrawn.GetProperty("reason").GetString());
        Assert.EndsWith(" after corrections", withdrawn.GetProperty("reason").GetString());

        // The same change reached the SSE client, one line of JSON identical to the SignalR message.
        string? sseWithdrawn = null;
        await foreach (var (name, data) in sse)
            if (name == "alertWithdrawn" && JsonDocument.Parse(data).RootElement.GetProperty("period").GetString() == week) { sseWithdrawn = data; break; }
        Assert.Equal(withdrawn.GetRawText(), sseWithdrawn);

        Assert.DoesNotContain(await Listed(""), a => a.GetProperty("period").GetString() == week);
        var listed = Assert.Single(await Listed("&include=withdrawn"), a => a.GetProperty("period").GetString() == week);
        Assert.Equal(withdrawn.GetProperty("withdrawnAt").GetDateTimeOffset(), listed.GetProperty("withdrawnAt").GetDateTimeOffset());
        Assert.Equal(withdrawn.GetProperty("reason").GetString(), listed.GetProperty("reason").GetString());

        // The surge is restored (a higher version revives a cancelled record): the same alert is raised again,
        // its withdrawal cleared, and pushed as alertRaised once more.
        await shared.Http.IngestNdjson("ed-assaults",
            surge.Select(id => Record(id, $"{now:yyyy-MM-ddTHH:mm:ss}Z", "W06000001", "means-body", version: 3)).ToArray());
        var again = await NextFor(signalR.Reader, "alertRaised", timeout.Token);
        Assert.Equal((week, raised.GetProperty("method").GetString()), (again.GetProperty("period").GetString(), again.GetProperty("method").GetString()));
        Assert.Equal(JsonValueKind.Null, again.GetProperty("withdrawnAt").ValueKind);
        Assert.True(again.GetProperty("raisedAt").GetDateTimeOffset() > raised.GetProperty("raisedAt").GetDateTimeOffset());
        var standing = Assert.Single(await Listed(""), a => a.GetProperty("period").GetString() == week);
        Assert.Equal(JsonValueKind.Null, standing.GetProperty("reason").ValueKind);
        Assert.Single(await Listed("&include=withdrawn"), a => a.GetProperty("period").GetString() == week);
    }

    private async Task<List<JsonElement>> Listed(string extra) =>
        (await shared.Http.GetJson($"/api/v1/alerts?footprint=la:isle-of-anglesey{extra}")).EnumerateArray()
        .Where(a => a.GetProperty("feed").GetString() == "ed-assaults").ToList();

    private static async Task<JsonElement> NextFor(ChannelReader<(string Name, JsonElement Alert)> messages, string name, CancellationToken cancel)
    {
        while (true)
        {
            var (n, alert) = await messages.ReadAsync(cancel);
            if (n == name && alert.GetProperty("footprint").GetString() == "la:isle-of-anglesey") return alert;
        }
    }

    /// <summary>The SSE events of a stream, as their name and their one line of data.</summary>
    private static async IAsyncEnumerable<(string Name, string Data)> ReadEvents(StreamReader reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        string? name = null;
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name is not null) yield return (name, line[6..]);
        }
    }

    [Fact]
    public async Task Include_other_than_withdrawn_is_a_problem_naming_it()
    {
        var response = await shared.Http.GetAsync("/api/v1/alerts?include=everything");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("everything", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bad_since_or_footprint_is_a_problem()
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await shared.Http.GetAsync("/api/v1/alerts?since=yesterday")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await shared.Http.GetAsync("/api/v1/alerts?footprint=la:atlantis")).StatusCode);
    }
}
