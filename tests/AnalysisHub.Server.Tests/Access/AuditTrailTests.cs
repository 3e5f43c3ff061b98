using System.Net;
using System.Text.Json;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests.Access;

/// <summary>The audit trail: every ingest (refused ones too) and every read with a key, listed within a second.</summary>
[Collection(AccessHubCollection.Name)]
public sealed class AuditTrailTests(AccessHub shared)
{
    private async Task<List<JsonElement>> EntriesOfAsync(string keyId, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(1.5); // "listed within one second", with room for a busy machine's scheduling
        List<JsonElement> entries;
        do
        {
            entries = (await shared.Admin.GetJson($"/api/v1/audit?key={keyId}")).GetProperty("entries").EnumerateArray().ToList();
            if (entries.Count >= atLeast) return entries;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"the audit listed {entries.Count} of {atLeast} entries for {keyId} within 1.5 s");
        return entries;
    }

    [Fact]
    public async Task An_ingest_is_recorded_with_feed_rows_counts_body_hash_and_status_and_a_refused_one_too()
    {
        var (id, secret) = await shared.CreateKeyAsync("audit: force", ["ingest:crime"], ["la:cardiff"]);
        var writer = shared.Client(secret);
        var body = string.Join('\n', Record("audit-1", "2018-01-01T10:00:00Z", "W06000015", "robbery"), Record("audit-2", "2018-01-01T10:00:00Z", "W06000015", "robbery"));
        Assert.Equal(HttpStatusCode.OK, (await writer.PostNdjson("crime", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PostNdjson("crime", Record("audit-3", "2018-01-01T10:00:00Z", "W06000011", "robbery"))).StatusCode);

        var entries = await EntriesOfAsync(id, 2);
        var refused = entries[0]; // newest first
        var accepted = entries[1];
        Assert.Equal(403, refused.GetProperty("status").GetInt32());
        Assert.Equal("ingest", accepted.GetProperty("action").GetString());
        Assert.Equal("audit: force", accepted.GetProperty("owner").GetString());
        Assert.Equal("crime", accepted.GetProperty("feed").GetString());
        Assert.Equal(2, accepted.GetProperty("rows").GetInt32());
        Assert.Equal(2, accepted.GetProperty("counts").GetProperty("accepted").GetInt32());
        Assert.Equal(200, accepted.GetProperty("status").GetInt32());
        var sha = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body)));
        Assert.Equal(sha, accepted.GetProperty("bodySha256").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task A_partner_read_is_recorded_with_method_path_and_status_and_an_access_token_is_stripped()
    {
        var (id, secret) = await shared.CreateKeyAsync("audit: analyst", ["read:partner"]);
        var analyst = shared.Client(null);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/footprints/la:cardiff/series?feed=crime&from=2018-01-01&to=2018-01-31"))
        {
            request.Headers.Add("X-Api-Key", secret);
            Assert.Equal(HttpStatusCode.OK, (await analyst.SendAsync(request)).StatusCode);
        }
        using (var stream = await analyst.GetAsync($"/api/v1/footprints/la:cardiff/stream?feed=crime&access_token={Uri.EscapeDataString(secret)}",
                   HttpCompletionOption.ResponseHeadersRead))
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

        var entries = await EntriesOfAsync(id, 2);
        Assert.All(entries, e => Assert.Equal("read", e.GetProperty("action").GetString()));
        Assert.Contains(entries, e => e.GetProperty("path").GetString() == "/api/v1/footprints/la:cardiff/series?feed=crime&from=2018-01-01&to=2018-01-31"
                                      && e.GetProperty("method").GetString() == "GET" && e.GetProperty("status").GetInt32() == 200);
        var streamed = Assert.Single(entries, e => e.GetProperty("path").GetString()!.Contains("/stream"));
        Assert.Equal("/api/v1/footprints/la:cardiff/stream?feed=crime", streamed.GetProperty("path").GetString());
        Assert.DoesNotContain(secret, (await shared.Admin.GetJson("/api/v1/audit?limit=1000")).GetRawText());
    }

    [Fact]
    public async Task Pages_follow_the_cursor_newest_first_without_repeats()
    {
        var (id, secret) = await shared.CreateKeyAsync("audit: pager", ["read:partner"]);
        var reader = shared.Client(secret);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/alerts?page-test={i}")).StatusCode);
        await EntriesOfAsync(id, 5);

        var seen = new List<string>();
        string? next = null;
        do
        {
            var page = await shared.Admin.GetJson($"/api/v1/audit?key={id}&limit=2" + (next is null ? "" : $"&before={next}"));
            var entries = page.GetProperty("entries").EnumerateArray().ToList();
            Assert.True(entries.Count <= 2);
            seen.AddRange(entries.Select(e => e.GetProperty("path").GetString()!));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        } while (next is not null);
        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(i => $"/api/v1/alerts?page-test={i}"), seen);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("before=abc")]
    [InlineData("since=yesterday")]
    public async Task A_bad_audit_query_is_a_400(string query) =>
        Assert.Equal(HttpStatusCode.BadRequest, (await shared.Admin.GetAsync($"/api/v1/audit?{query}")).StatusCode);
}
