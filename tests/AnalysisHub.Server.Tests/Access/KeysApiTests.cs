using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AnalysisHub.Server.Tests.Access;

/// <summary>Issuing, listing and revoking keys through <c>/api/v1/admin/keys</c>.</summary>
[Collection(AccessHubCollection.Name)]
public sealed class KeysApiTests(AccessHub shared)
{
    [Fact]
    public async Task A_created_key_shows_its_secret_once_works_at_once_is_listed_without_it_and_stops_at_once_when_revoked()
    {
        var response = await shared.Admin.PostAsJsonAsync("/api/v1/admin/keys",
            new { owner = "Gwent Police", scopes = new[] { "ingest:crime", "read:partner" }, footprints = new[] { "force:gwent" }, expiresAt = "2099-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = created.GetProperty("id").GetString()!;
        var secret = created.GetProperty("key").GetString()!;
        Assert.Equal($"/api/v1/admin/keys/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Gwent Police", created.GetProperty("owner").GetString());
        Assert.Equal(["ingest:crime", "read:partner"], created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["force:gwent"], created.GetProperty("footprints").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(DateTimeOffset.Parse("2099-01-01T00:00:00Z"), created.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.True(created.TryGetProperty("createdAt", out _));

        var analyst = shared.Client(secret);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/alerts")).StatusCode);

        var listing = await shared.Admin.GetJson("/api/v1/admin/keys");
        var listed = listing.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.DoesNotContain(secret, listing.GetRawText());

        Assert.Equal(HttpStatusCode.NoContent, (await shared.Admin.DeleteAsync($"/api/v1/admin/keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await analyst.GetAsync("/api/v1/alerts")).StatusCode);
        var revoked = (await shared.Admin.GetJson("/api/v1/admin/keys")).GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.Equal(JsonValueKind.String, revoked.GetProperty("revokedAt").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await shared.Admin.DeleteAsync($"/api/v1/admin/keys/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"scopes":["read:partner"]}""", "owner")]
    [InlineData("""{"owner":"x","scopes":[]}""", "scopes")]
    [InlineData("""{"owner":"x","scopes":["write:everything"]}""", "scopes")]
    [InlineData("""{"owner":"x","scopes":["ingest:no-such-feed"]}""", "scopes")]
    [InlineData("""{"owner":"x","scopes":["ingest:crime"],"footprints":["la:atlantis"]}""", "footprints")]
    [InlineData("""{"owner":"x","scopes":["ingest:crime"],"footprints":[]}""", "footprints")]
    [InlineData("""{"owner":"x","scopes":["read:partner"],"expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task A_key_request_that_cannot_be_granted_is_a_400_naming_the_field(string body, string field)
    {
        var response = await shared.Admin.PostAsync("/api/v1/admin/keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }

    [Fact]
    public async Task An_unknown_key_is_refused_with_401_on_every_route_even_public_ones()
    {
        var stranger = shared.Client("ahk_not-a-key-this-hub-issued");
        foreach (var path in new[] { "/api/v1/alerts", "/api/v1/feeds", "/api/v1/public/compare?kind=la&feed=crime", "/health/ready" })
        {
            var response = await stranger.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {(int)response.StatusCode}");
            Assert.NotEmpty(response.Headers.WwwAuthenticate);
        }
    }
}
