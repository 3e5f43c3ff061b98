using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnalysisHub.Testing;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests.Footprints;

/// <summary>
/// Footprints defined at run time, on a hub of its own: one request defines a footprint that every product answers
/// for at once, over the history recorded before it was defined; the definition survives <c>kill -9</c>; bad
/// definitions are 400s, taken ids 409s, and shipped footprints cannot be deleted.
/// </summary>
public sealed class DefinedFootprintTests : IAsyncLifetime
{
    private const string Merthyr = "W06000024", Caerphilly = "W06000018", BlaenauGwent = "W06000019", Cardiff = "W06000015";

    private readonly HubProcess _hub = new();

    public async Task InitializeAsync()
    {
        // Alerts swept every 2 s (15 s by default), so the alert test need not wait.
        await _hub.StartAsync("--Alerts:Interval", "00:00:02");
        await _hub.Http.IngestNdjson("crime",
            Record("d-1", "2024-03-10T12:00:00Z", Merthyr, "robbery"),
            Record("d-2", "2024-03-11T12:00:00Z", Caerphilly, "robbery"),
            Record("d-3", "2024-04-11T12:00:00Z", BlaenauGwent, "robbery"),
            Record("d-4", "2024-04-12T12:00:00Z", Cardiff, "robbery"));
        await _hub.Http.EventuallyTotal(4, "nation:wales", "crime", "2024-01-01", "2024-12-31");
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static object Valleys(string id = "custom:valleys") => new
    {
        id, name = "Valleys task force area", nameCy = "Ardal tasglu'r Cymoedd",
        members = new[] { "la:merthyr-tydfil", Caerphilly, "la:blaenau-gwent" }, description = "Heads of the valleys",
    };

    private async Task<JsonElement> Define(object body, HttpStatusCode expected)
    {
        using var response = await _hub.Http.PostAsJsonAsync("/api/v1/footprints", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_footprint_defined_with_one_request_works_at_once_in_every_product_over_the_history_before_it_and_survives_kill_9()
    {
        var defined = await Define(Valleys(), HttpStatusCode.Created);
        Assert.Equal("custom", defined.GetProperty("kind").GetString());
        Assert.Equal(new[] { "la:merthyr-tydfil", "la:caerphilly", "la:blaenau-gwent" }.Order(), defined.GetProperty("members").EnumerateArray().Select(m => m.GetString()).Order());
        Assert.Equal("Heads of the valleys", defined.GetProperty("description").GetString());

        // Series over all history, at once.
        await _hub.Http.EventuallyTotal(3, "custom:valleys", "crime", "2024-01-01", "2024-12-31");
        // A record arriving after the definition reaches it too.
        await _hub.Http.IngestNdjson("crime", Record("d-5", "2024-05-01T12:00:00Z", Caerphilly, "robbery"));
        await _hub.Http.EventuallyTotal(4, "custom:valleys", "crime", "2024-01-01", "2024-12-31");

        // Listed, compared by kind, drilled into, bulletined and tested for exceedance.
        var listed = (await _hub.Http.GetJson("/api/v1/footprints?kind=custom")).EnumerateArray().Single();
        Assert.Equal("custom:valleys", listed.GetProperty("id").GetString());
        var compare = await _hub.Http.GetJson("/api/v1/compare?kind=custom&feed=crime&from=2024-01-01&to=2024-12-31");
        Assert.Equal(4, compare.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("footprint").GetString() == "custom:valleys").GetProperty("count").GetInt64());
        var members = await _hub.Http.GetJson("/api/v1/footprints/custom:valleys/members?feed=crime&from=2024-01-01&to=2024-12-31");
        Assert.Equal(3, members.GetProperty("rows").EnumerateArray().Count(r => !r.GetProperty("isBenchmark").GetBoolean()));
        await _hub.Http.GetJson("/api/v1/footprints/custom:valleys/exceedance?feed=crime&granularity=month&method=ears-c1&from=2024-01-01&to=2024-12-31");
        await _hub.Http.GetJson("/api/v1/footprints/custom:valleys/bulletin?month=2024-05");
        await _hub.Http.GetJson("/api/v1/public/footprints/custom:valleys/series?feed=crime&from=2024-01-01&to=2024-12-31");
        Assert.Contains("custom:valleys", (await _hub.Http.GetJson("/api/v1/footprints/la:caerphilly")).GetProperty("parents").EnumerateArray().Select(p => p.GetString()));

        await _hub.KillAsync(); // SIGKILL: the 201 meant the definition was on disk
        await _hub.StartAsync();
        Assert.Equal("custom", (await _hub.Http.GetJson("/api/v1/footprints/custom:valleys")).GetProperty("kind").GetString());
        await _hub.Http.EventuallyTotal(4, "custom:valleys", "crime", "2024-01-01", "2024-12-31");
    }

    [Fact]
    public async Task A_defined_footprint_can_be_deleted_and_a_shipped_one_cannot()
    {
        await Define(Valleys("custom:to-delete"), HttpStatusCode.Created);
        await Define(Valleys("custom:to-delete"), HttpStatusCode.Conflict);

        using (var deleted = await _hub.Http.DeleteAsync("/api/v1/footprints/custom:to-delete"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await _hub.Http.GetJson("/api/v1/footprints/custom:to-delete", HttpStatusCode.NotFound);
        using (var again = await _hub.Http.DeleteAsync("/api/v1/footprints/custom:to-delete"))
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using (var shipped = await _hub.Http.DeleteAsync("/api/v1/footprints/la:cardiff"))
        {
            Assert.Equal(HttpStatusCode.Conflict, shipped.StatusCode);
            Assert.Equal("application/problem+json", shipped.Content.Headers.ContentType?.MediaType);
        }
        // Deleted, it can be defined again.
        await Define(Valleys("custom:to-delete"), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_defined_footprint_raises_alerts_and_streams_live_like_any_other()
    {
        await Define(new { id = "custom:mid-wales", name = "Mid Wales", members = new[] { "la:ceredigion", "la:powys" } }, HttpStatusCode.Created);

        // Live: the stream opens with a snapshot of the footprint.
        using (var stream = await _hub.Http.GetAsync("/api/v1/footprints/custom:mid-wales/stream?feed=ambulance-assaults", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            string? line;
            do line = await reader.ReadLineAsync(timeout.Token);
            while (line is not null && !line.StartsWith("data: ", StringComparison.Ordinal));
            Assert.NotNull(line);
            Assert.Equal("custom:mid-wales", JsonDocument.Parse(line[6..]).RootElement.GetProperty("footprint").GetString());
        }

        // Alerts: one a week for ten weeks, then 25 this week, in Ceredigion.
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        await _hub.Http.IngestNdjson("ambulance-assaults", Enumerable.Range(1, 10)
            .Select(w => Record($"dal-{w}", $"{now.AddDays(-7 * w):yyyy-MM-ddTHH:mm:ss}Z", "W06000008", "assault"))
            .Concat(Enumerable.Range(0, 25).Select(i => Record($"dal-s-{i}", $"{now:yyyy-MM-ddTHH:mm:ss}Z", "W06000008", "assault"))).ToArray());
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while ((await _hub.Http.GetJson("/api/v1/alerts?footprint=custom:mid-wales")).GetArrayLength() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no alert for the defined footprint within 45 s");
            await Task.Delay(250);
        }
    }

    public static TheoryData<string, string> BadDefinitions => new()
    {
        { """{"id":"custom:Valleys","name":"V","members":["la:cardiff"]}""", "id" },
        { """{"id":"custom:","name":"V","members":["la:cardiff"]}""", "id" },
        { """{"id":"csp:valleys","name":"V","members":["la:cardiff"]}""", "id" },
        { """{"id":"custom:a--b","name":"V","members":["la:cardiff"]}""", "id" },
        { """{"id":"custom:v","members":["la:cardiff"]}""", "name" },
        { """{"id":"custom:v","name":"V","members":[]}""", "members" },
        { """{"id":"custom:v","name":"V","members":["la:atlantis"]}""", "members" },
        { """{"id":"custom:v","name":"V","members":["csp:cardiff"]}""", "members" },
        { """{"id":"custom:v","name":"V","members":["la:cardiff","W06000015"]}""", "members" },
        { """{"id":"custom:v","name":"V","members":[null]}""", "members" },
    };

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public async Task A_bad_definition_is_a_400_naming_the_field_and_defines_nothing(string body, string field)
    {
        using var response = await _hub.Http.PostAsync("/api/v1/footprints", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
        Assert.DoesNotContain((await _hub.Http.GetJson("/api/v1/footprints?kind=custom")).EnumerateArray(), f => f.GetProperty("id").GetString() == "custom:v");
    }

    [Fact]
    public async Task A_body_that_is_not_a_definition_is_a_400_problem()
    {
        using var response = await _hub.Http.PostAsync("/api/v1/footprints", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
