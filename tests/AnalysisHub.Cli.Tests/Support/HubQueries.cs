using System.Text.Json;

namespace AnalysisHub.Cli.Tests.Support;

/// <summary>Reads figures straight from the hub's API, to check what a command did without trusting its own output.</summary>
public static class HubQueries
{
    public static async Task<long> TotalAsync(HubProcess hub, string footprint, string feed, string from, string to, string? category = null)
    {
        var query = $"/api/v1/footprints/{footprint}/series?feed={feed}&from={from}&to={to}&granularity=month" + (category is null ? "" : $"&category={category}");
        var response = await hub.Http.GetAsync(query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{query} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("total").GetInt64();
    }
}
