using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AnalysisHub.Server.Tests.Access;

/// <summary>
/// A hub of its own for the access tests (they create, expire and revoke keys, and read the audit trail, so they
/// keep away from the shared hub), with one key per kind of caller made through the admin API.
/// </summary>
public sealed class AccessHub : IAsyncLifetime
{
    public HubProcess Hub { get; } = new();
    public HttpClient Admin => Hub.Http;

    public Task InitializeAsync() => Hub.StartAsync();
    public Task DisposeAsync() => Hub.DisposeAsync().AsTask();

    /// <summary>Creates a key through <c>POST /api/v1/admin/keys</c> and returns its id and secret.</summary>
    public async Task<(string Id, string Secret)> CreateKeyAsync(string owner, string[] scopes, string[]? footprints = null, DateTimeOffset? expiresAt = null)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/admin/keys", new { owner, scopes, footprints, expiresAt });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating a key → {(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement;
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    public async Task RevokeAsync(string id)
    {
        var response = await Admin.DeleteAsync($"/api/v1/admin/keys/{id}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public HttpClient Client(string? key) => Hub.Client(key);
}

[CollectionDefinition(Name)]
public sealed class AccessHubCollection : ICollectionFixture<AccessHub>
{
    public const string Name = "access hub";
}
