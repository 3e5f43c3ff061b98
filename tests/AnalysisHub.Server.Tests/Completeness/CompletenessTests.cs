using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests.Completeness;

/// <summary>A hub of its own for the completeness tests: they judge Wales's months, which other tests' records would change.</summary>
public sealed class CompletenessHub : IAsyncLifetime
{
    public HubProcess Hub { get; } = new();
    public HttpClient Admin => Hub.Http;

    public const string Cardiff = "W06000015", Swansea = "W06000011";

    // Alerts are swept every 2 s here (15 s by default) so the silence test need not wait.
    public async Task InitializeAsync()
    {
        await Hub.StartAsync("--Alerts:Interval", "00:00:02");
        // Cardiff: 4 crimes a month through 2024, then 1 in January 2025 (partial), none in February (missing), 4 in March.
        var rows = new List<string>();
        for (var month = 1; month <= 12; month++)
            for (var k = 0; k < 4; k++) rows.Add(Record($"cm-2024-{month}-{k}", $"2024-{month:00}-1{k}T12:00:00Z", Cardiff, "robbery"));
        rows.Add(Record("cm-2025-1", "2025-01-10T12:00:00Z", Cardiff, "robbery"));
        for (var k = 0; k < 4; k++) rows.Add(Record($"cm-2025-3-{k}", $"2025-03-1{k}T12:00:00Z", Cardiff, "robbery"));
        await Admin.IngestNdjson("crime", [.. rows]);
        await Admin.EventuallyTotal(53, "nation:wales", "crime", "2024-01-01", "2025-12-31");
    }

    public Task DisposeAsync() => Hub.DisposeAsync().AsTask();

    public async Task<string> KeyAsync(string owner, string[] scopes, string[]? footprints = null)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/admin/keys", new { owner, scopes, footprints });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("key").GetString()!;
    }
}

/// <summary>
/// <c>GET /api/v1/feeds/{feed}/completeness</c> and <c>PUT …/deliveries/{authority}/{month}</c> through the real server:
/// months judged from the records, a supplier's declaration overriding, footprint-limited suppliers, and the flags
/// series and comparisons carry.
/// </summary>
public sealed class CompletenessTests(CompletenessHub shared) : IClassFixture<CompletenessHub>
{
    private const string Cardiff = CompletenessHub.Cardiff;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Read(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    private static Dictionary<string, (long Records, double? Expected, string Status)> Rows(JsonElement body, string authority) =>
        body.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("authority").GetString() == authority).ToDictionary(
            r => r.GetProperty("month").GetString()!,
            r => (r.GetProperty("records").GetInt64(),
                r.GetProperty("expected").ValueKind == JsonValueKind.Null ? (double?)null : r.GetProperty("expected").GetDouble(),
                r.GetProperty("status").GetString()!));

    [Fact]
    public async Task Every_member_authority_and_month_is_judged_from_the_records()
    {
        var body = await shared.Admin.GetJson("/api/v1/feeds/crime/completeness?from=2025-01&to=2025-03-31");
        Assert.Equal("crime", body.GetProperty("feed").GetString());
        Assert.Equal("nation:wales", body.GetProperty("footprint").GetString());
        Assert.Equal(22 * 3, body.GetProperty("rows").GetArrayLength());
        var cardiff = Rows(body, "la:cardiff");
        Assert.Equal((1, 4.0, "partial"), cardiff["2025-01"]);
        Assert.Equal((0, 4.0, "missing"), cardiff["2025-02"]);
        Assert.Equal((4, 4.0, "complete"), cardiff["2025-03"]);
        Assert.Equal((0, null, "no-history"), Rows(body, "la:swansea")["2025-02"]);

        var one = await shared.Admin.GetJson("/api/v1/feeds/crime/completeness?footprint=W06000015&from=2024-12&to=2025-01");
        Assert.Equal(["2024-12", "2025-01"], one.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("month").GetString()));
        Assert.Equal("complete", one.GetProperty("rows")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_dates_the_last_12_complete_months_are_judged()
    {
        var body = await shared.Admin.GetJson("/api/v1/feeds/crime/completeness?footprint=la:cardiff");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        Assert.Equal($"{thisMonth.AddMonths(-12):yyyy-MM}", body.GetProperty("from").GetString());
        Assert.Equal($"{thisMonth.AddMonths(-1):yyyy-MM}", body.GetProperty("to").GetString());
        Assert.Equal(12, body.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task A_declaration_overrides_the_judgement_and_is_audited_as_the_suppliers_write()
    {
        var declared = await Read(await shared.Admin.PutAsync($"/api/v1/feeds/crime/deliveries/{Cardiff}/2025-02", Json("""{"status":"complete"}""")), HttpStatusCode.OK);
        Assert.Equal(("la:cardiff", "2025-02", "complete"),
            (declared.GetProperty("authority").GetString(), declared.GetProperty("month").GetString(), declared.GetProperty("status").GetString()));
        await Read(await shared.Admin.PutAsync("/api/v1/feeds/crime/deliveries/la:cardiff/2025-03", Json("""{"status":"withdrawn"}""")), HttpStatusCode.OK);

        var cardiff = Rows(await shared.Admin.GetJson("/api/v1/feeds/crime/completeness?footprint=la:cardiff&from=2025-01&to=2025-03"), "la:cardiff");
        Assert.Equal((0, 4.0, "complete"), cardiff["2025-02"]);
        Assert.Equal((4, 4.0, "withdrawn"), cardiff["2025-03"]);
        Assert.Equal("partial", cardiff["2025-01"].Status);
        // Another feed's months are its own.
        Assert.Equal("no-history", Rows(await shared.Admin.GetJson("/api/v1/feeds/calls/completeness?footprint=la:cardiff&from=2025-02&to=2025-02"), "la:cardiff")["2025-02"].Status);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var entries = (await shared.Admin.GetJson("/api/v1/audit?limit=1000")).GetProperty("entries").EnumerateArray();
            if (entries.Any(e => e.GetProperty("method").GetString() == "PUT" && e.GetProperty("action").GetString() == "ingest"
                                 && e.GetProperty("feed").GetString() == "crime" && e.GetProperty("path").GetString()!.EndsWith("/deliveries/la:cardiff/2025-03"))) break;
            Assert.True(DateTime.UtcNow < deadline, "the declaration is not in the audit trail");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Series_points_and_comparison_rows_name_the_members_whose_months_are_incomplete()
    {
        // January 2025 is partial in Cardiff (declared months are in the other test's months, February and March, so
        // this one holds whichever ran first).
        var series = await shared.Admin.GetJson("/api/v1/footprints/force:south-wales/series?feed=crime&from=2024-12-01&to=2025-01-31");
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.False(points[0].GetProperty("incomplete").GetBoolean());
        Assert.False(points[0].TryGetProperty("incompleteMembers", out _)); // left out when none is
        Assert.True(points[1].GetProperty("incomplete").GetBoolean());
        Assert.Equal(["la:cardiff"], points[1].GetProperty("incompleteMembers").EnumerateArray().Select(m => m.GetString()));

        var compare = await shared.Admin.GetJson("/api/v1/compare?kind=la&feed=crime&from=2025-01-01&to=2025-01-31");
        var rows = compare.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("footprint").GetString()!);
        Assert.True(rows["la:cardiff"].GetProperty("incomplete").GetBoolean());
        Assert.False(rows["la:swansea"].GetProperty("incomplete").GetBoolean());
        Assert.Equal(["la:cardiff"], rows["nation:wales"].GetProperty("incompleteMembers").EnumerateArray().Select(m => m.GetString()));

        var bulletin = await shared.Admin.GetJson("/api/v1/footprints/la:cardiff/bulletin?month=2025-01");
        var crime = bulletin.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("feed").GetString() == "crime");
        Assert.True(crime.GetProperty("incomplete").GetBoolean());
    }

    [Fact]
    public async Task A_footprint_limited_supplier_declares_only_inside_its_footprints()
    {
        var swansea = shared.Hub.Client(await shared.KeyAsync("Swansea council", ["ingest:crime"], ["la:swansea"]));
        var refused = await Read(await swansea.PutAsync($"/api/v1/feeds/crime/deliveries/{Cardiff}/2025-01", Json("""{"status":"complete"}""")), HttpStatusCode.Forbidden);
        Assert.Equal("authority", refused.GetProperty("parameter").GetString());
        await Read(await swansea.PutAsync("/api/v1/feeds/crime/deliveries/la:swansea/2025-01", Json("""{"status":"complete"}""")), HttpStatusCode.OK);
        Assert.Equal("partial", Rows(await shared.Admin.GetJson("/api/v1/feeds/crime/completeness?footprint=la:cardiff&from=2025-01&to=2025-01"), "la:cardiff")["2025-01"].Status);

        // Another feed's writer, and a reader, may not declare at all.
        var calls = shared.Hub.Client(await shared.KeyAsync("calls writer", ["ingest:calls"]));
        await Read(await calls.PutAsync("/api/v1/feeds/crime/deliveries/la:swansea/2025-01", Json("""{"status":"complete"}""")), HttpStatusCode.Forbidden);
        var reader = shared.Hub.Client(await shared.KeyAsync("reader", ["read:partner"]));
        await Read(await reader.PutAsync("/api/v1/feeds/crime/deliveries/la:swansea/2025-01", Json("""{"status":"complete"}""")), HttpStatusCode.Forbidden);
        await Read(await reader.GetAsync("/api/v1/feeds/crime/completeness"), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/api/v1/feeds/crime/completeness?from=2025-13", HttpStatusCode.BadRequest, "from")]
    [InlineData("/api/v1/feeds/crime/completeness?from=2025-03&to=2025-01", HttpStatusCode.BadRequest, "from")]
    [InlineData("/api/v1/feeds/crime/completeness?to=2999-01", HttpStatusCode.BadRequest, "to")]
    [InlineData("/api/v1/feeds/crime/completeness?from=1990-01&to=2025-01", HttpStatusCode.BadRequest, "to")]
    [InlineData("/api/v1/feeds/crime/completeness?footprint=la:nowhere", HttpStatusCode.NotFound, "footprint")]
    [InlineData("/api/v1/feeds/no-such-feed/completeness", HttpStatusCode.NotFound, "feed")]
    public async Task A_bad_question_is_a_problem_naming_the_parameter(string url, HttpStatusCode status, string parameter)
    {
        var problem = await Read(await shared.Admin.GetAsync(url), status);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("crime", "la:cardiff", "2025-02", """{"status":"partial"}""", HttpStatusCode.BadRequest, "status")]
    [InlineData("crime", "la:cardiff", "2025-02", """{}""", HttpStatusCode.BadRequest, "status")]
    [InlineData("crime", "la:cardiff", "2025-02", """not json""", HttpStatusCode.BadRequest, "status")]
    [InlineData("crime", "la:cardiff", "2025-02", """{"status":"complete","note":"x"}""", HttpStatusCode.BadRequest, "note")]
    [InlineData("crime", "la:cardiff", "2025-2", """{"status":"complete"}""", HttpStatusCode.BadRequest, "month")]
    [InlineData("crime", "la:cardiff", "2999-01", """{"status":"complete"}""", HttpStatusCode.BadRequest, "month")]
    [InlineData("crime", "csp:cardiff", "2025-02", """{"status":"complete"}""", HttpStatusCode.BadRequest, "authority")]
    [InlineData("crime", "la:nowhere", "2025-02", """{"status":"complete"}""", HttpStatusCode.NotFound, "authority")]
    [InlineData("no-such-feed", "la:cardiff", "2025-02", """{"status":"complete"}""", HttpStatusCode.NotFound, "feed")]
    public async Task A_bad_declaration_is_refused_naming_what_is_wrong(string feed, string authority, string month, string body, HttpStatusCode status, string parameter)
    {
        var problem = await Read(await shared.Admin.PutAsync($"/api/v1/feeds/{feed}/deliveries/{authority}/{month}", Json(body)), status);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task A_daily_feed_silent_for_two_days_raises_an_alert_withdrawn_when_its_records_arrive()
    {
        // 999 calls in Wrexham on every one of the 28 days before the day before yesterday, then none.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        var silentFrom = today.AddDays(-2);
        await shared.Admin.IngestNdjson("calls", [.. Enumerable.Range(1, 28).Select(k =>
            Record($"silence-{k}", $"{silentFrom.AddDays(-k):yyyy-MM-dd}T12:00:00Z", "W06000006", "crime"))]);

        var alert = await EventuallyAlertAsync(a => a.GetProperty("withdrawnAt").ValueKind == JsonValueKind.Null);
        Assert.Equal(("calls", "all", "day", "silence", $"{silentFrom:yyyy-MM-dd}", $"{silentFrom.AddDays(1):yyyy-MM-dd}"),
            (alert.GetProperty("feed").GetString(), alert.GetProperty("category").GetString(), alert.GetProperty("granularity").GetString(),
                alert.GetProperty("method").GetString(), alert.GetProperty("start").GetString(), alert.GetProperty("end").GetString()));

        // A late delivery for the silent days: the alert is withdrawn.
        await shared.Admin.IngestNdjson("calls", Record("silence-late", $"{silentFrom.AddDays(1):yyyy-MM-dd}T12:00:00Z", "W06000006", "crime"));
        var withdrawn = await EventuallyAlertAsync(a => a.GetProperty("withdrawnAt").ValueKind != JsonValueKind.Null);
        Assert.StartsWith("records arrived: 1", withdrawn.GetProperty("reason").GetString());
    }

    private async Task<JsonElement> EventuallyAlertAsync(Func<JsonElement, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var alerts = await shared.Admin.GetJson("/api/v1/alerts?footprint=la:wrexham&granularity=day&include=withdrawn");
            if (alerts.EnumerateArray().Where(a => a.GetProperty("feed").GetString() == "calls").FirstOrDefault(wanted) is { ValueKind: JsonValueKind.Object } found)
                return found;
            Assert.True(DateTime.UtcNow < deadline, "no such silence alert: " + alerts);
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task A_declaration_acknowledged_the_instant_before_kill_9_is_not_lost()
    {
        await using var hub = new HubProcess();
        await hub.StartAsync();
        await Read(await hub.Http.PutAsync($"/api/v1/feeds/ed-assaults/deliveries/{Cardiff}/2025-05", Json("""{"status":"withdrawn"}""")), HttpStatusCode.OK);
        await hub.KillAsync(); // SIGKILL straight after the 200

        await hub.StartAsync();
        var body = await hub.Http.GetJson("/api/v1/feeds/ed-assaults/completeness?footprint=la:cardiff&from=2025-05&to=2025-05");
        Assert.Equal("withdrawn", body.GetProperty("rows")[0].GetProperty("status").GetString());
    }
}
