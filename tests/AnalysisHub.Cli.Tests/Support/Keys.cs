using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AnalysisHub.Cli.Tests.Support;

/// <summary>Makes keys for other audiences through the admin API.</summary>
public static class Keys
{
    public static async Task<string> CreateAsync(HubProcess hub, string owner, string[] scopes, string[]? footprints = null)
    {
        var response = await hub.Http.PostAsJsonAsync("/api/v1/admin/keys", new { owner, scopes, footprints });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating a key → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("key").GetString()!;
    }
}
