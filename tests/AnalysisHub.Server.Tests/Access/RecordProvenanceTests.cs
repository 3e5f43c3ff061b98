using System.Net;
using System.Text.Json;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests.Access;

/// <summary>
/// Record provenance through the real server: a record's history names the key of every version and its outcome,
/// and an administrator can withdraw a key's writes — the records it wrote return to what they were, the totals
/// follow, and the act is on the audit trail.
/// </summary>
[Collection(AccessHubCollection.Name)]
public sealed class RecordProvenanceTests(AccessHub shared)
{
    private const string Cardiff = "W06000015", Swansea = "W06000011";

    private async Task<(string Id, HttpClient Client)> WriterAsync(string owner)
    {
        var (id, secret) = await shared.CreateKeyAsync(owner, ["ingest:crime"]);
        return (id, shared.Client(secret));
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_records_history_shows_every_version_with_its_key_time_and_outcome()
    {
        var (force, forceClient) = await WriterAsync("provenance: force");
        var (council, councilClient) = await WriterAsync("provenance: council");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await forceClient.IngestNdjson("crime", Record("pv-h-1", "2016-01-05T10:00:00Z", Cardiff, "robbery", version: 1));
        await councilClient.IngestNdjson("crime", Record("pv-h-1", "2016-01-05T10:00:00Z", Swansea, "burglary", flags: "domestic,alcohol", version: 2));
        await forceClient.IngestNdjson("crime", Record("pv-h-1", "2016-01-05T10:00:00Z", Cardiff, "robbery", version: 1));

        var history = await shared.Admin.GetJson("/api/v1/admin/records/crime/pv-h-1");
        Assert.Equal("crime", history.GetProperty("feed").GetString());
        Assert.Equal("pv-h-1", history.GetProperty("id").GetString());
        var current = history.GetProperty("current");
        Assert.Equal((2, "active", Swansea, "burglary"), (current.GetProperty("version").GetInt32(), current.GetProperty("status").GetString(),
            current.GetProperty("area").GetString(), current.GetProperty("category").GetString()));
        Assert.Equal(["alcohol", "domestic"], current.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).Order());

        var versions = history.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([force, council, force], versions.Select(v => v.GetProperty("keyId").GetString()));
        Assert.Equal(["accepted", "updated", "stale"], versions.Select(v => v.GetProperty("outcome").GetString()));
        Assert.Equal([1, 2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("2016-01-05T10:00:00Z", versions[0].GetProperty("occurredAt").GetString());
        Assert.Equal(Cardiff, versions[2].GetProperty("area").GetString());
        Assert.All(versions, v => Assert.InRange(v.GetProperty("at").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1)));
    }

    [Fact]
    public async Task Withdrawing_a_keys_writes_restores_a_corrected_record_and_the_totals_follow()
    {
        var (_, force) = await WriterAsync("provenance: force");
        var (rogue, rogueClient) = await WriterAsync("provenance: rogue");
        await force.IngestNdjson("crime", Record("pv-w-1", "2016-02-05T10:00:00Z", Cardiff, "robbery", version: 1));
        // The rogue key moves the force's record to Swansea and adds one of its own there.
        await rogueClient.IngestNdjson("crime", Record("pv-w-1", "2016-02-05T10:00:00Z", Swansea, "robbery", version: 2),
            Record("pv-w-2", "2016-02-06T10:00:00Z", Swansea, "robbery"));
        await shared.Admin.EventuallyTotal(0, "la:cardiff", "crime", "2016-02-01", "2016-02-29");
        await shared.Admin.EventuallyTotal(2, "la:swansea", "crime", "2016-02-01", "2016-02-29");

        var response = await shared.Admin.PostAsync($"/api/v1/admin/keys/{rogue}/withdraw-writes", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal((rogue, 2, 1, 1), (body.GetProperty("keyId").GetString(), body.GetProperty("records").GetInt32(),
            body.GetProperty("restored").GetInt32(), body.GetProperty("removed").GetInt32()));

        await shared.Admin.EventuallyTotal(1, "la:cardiff", "crime", "2016-02-01", "2016-02-29");
        await shared.Admin.EventuallyTotal(0, "la:swansea", "crime", "2016-02-01", "2016-02-29");
        await shared.Admin.EventuallyTotal(1, "nation:wales", "crime", "2016-02-01", "2016-02-29");
        var restored = await shared.Admin.GetJson("/api/v1/admin/records/crime/pv-w-1");
        Assert.Equal((1, Cardiff), (restored.GetProperty("current").GetProperty("version").GetInt32(), restored.GetProperty("current").GetProperty("area").GetString()));
        Assert.Equal(["accepted", "withdrawn"], restored.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("outcome").GetString()));
        var removed = await shared.Admin.GetJson("/api/v1/admin/records/crime/pv-w-2");
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("current").ValueKind);

        // The key itself still works: withdrawing its writes is not revoking it.
        Assert.Equal(1, (await rogueClient.IngestNdjson("crime", Record("pv-w-3", "2016-02-07T10:00:00Z", Swansea, "robbery"))).Accepted);
    }

    [Fact]
    public async Task A_withdrawal_is_on_the_audit_trail()
    {
        var (adminId, adminSecret) = await shared.CreateKeyAsync("provenance: admin", ["admin"]);
        var (writer, writerClient) = await WriterAsync("provenance: writer to withdraw");
        await writerClient.IngestNdjson("crime", Record("pv-a-1", "2016-03-05T10:00:00Z", Cardiff, "robbery"));
        Assert.Equal(HttpStatusCode.OK, (await shared.Client(adminSecret).PostAsync($"/api/v1/admin/keys/{writer}/withdraw-writes", null)).StatusCode);

        var path = $"/api/v1/admin/keys/{writer}/withdraw-writes";
        var deadline = DateTime.UtcNow.AddSeconds(5);
        List<JsonElement> entries;
        do
        {
            entries = (await shared.Admin.GetJson($"/api/v1/audit?key={adminId}")).GetProperty("entries").EnumerateArray()
                .Where(e => e.GetProperty("path").GetString() == path).ToList();
            if (entries.Count > 0) break;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        var entry = Assert.Single(entries);
        Assert.Equal(("admin", "POST", 200, "provenance: admin"), (entry.GetProperty("action").GetString(), entry.GetProperty("method").GetString(),
            entry.GetProperty("status").GetInt32(), entry.GetProperty("owner").GetString()));
    }

    [Fact]
    public async Task Only_an_administrator_may_read_histories_or_withdraw_writes()
    {
        var (writer, writerClient) = await WriterAsync("provenance: not an admin");
        await writerClient.IngestNdjson("crime", Record("pv-f-1", "2016-04-05T10:00:00Z", Cardiff, "robbery"));
        var partner = shared.Client((await shared.CreateKeyAsync("provenance: analyst", ["read:partner"])).Secret);
        foreach (var caller in new[] { writerClient, partner })
        {
            await ProblemAsync(await caller.GetAsync("/api/v1/admin/records/crime/pv-f-1"), HttpStatusCode.Forbidden);
            await ProblemAsync(await caller.PostAsync($"/api/v1/admin/keys/{writer}/withdraw-writes", null), HttpStatusCode.Forbidden);
        }
        await shared.Admin.EventuallyTotal(1, "la:cardiff", "crime", "2016-04-01", "2016-04-30"); // nothing was withdrawn
    }

    [Fact]
    public async Task An_unknown_feed_record_or_key_is_a_404_problem()
    {
        var feed = await ProblemAsync(await shared.Admin.GetAsync("/api/v1/admin/records/no-such-feed/x"), HttpStatusCode.NotFound);
        Assert.Equal("https://analysishub.example/problems/feed-not-found", feed.GetProperty("type").GetString());
        var record = await ProblemAsync(await shared.Admin.GetAsync("/api/v1/admin/records/crime/pv-never-sent"), HttpStatusCode.NotFound);
        Assert.Equal("https://analysishub.example/problems/record-not-found", record.GetProperty("type").GetString());
        var key = await ProblemAsync(await shared.Admin.PostAsync("/api/v1/admin/keys/no-such-key/withdraw-writes", null), HttpStatusCode.NotFound);
        Assert.Equal("https://analysishub.example/problems/key-not-found", key.GetProperty("type").GetString());
    }
}
