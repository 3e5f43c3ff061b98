using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AnalysisHub.Server.Tests;

/// <summary>The calls tests make, over plain HTTP, as any client would.</summary>
public static class HubApi
{
    public sealed record Counts(int Accepted, int Updated, int Duplicates, int Stale, int Cancelled);

    public static Task<HttpResponseMessage> PostNdjson(this HttpClient http, string feed, string body) =>
        http.PostAsync($"/api/v1/feeds/{feed}/records", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));

    public static Task<HttpResponseMessage> PostCsv(this HttpClient http, string feed, string body) =>
        http.PostAsync($"/api/v1/feeds/{feed}/records", new StringContent(body, Encoding.UTF8, "text/csv"));

    public static async Task<Counts> IngestNdjson(this HttpClient http, string feed, params string[] lines)
    {
        var response = await http.PostNdjson(feed, string.Join('\n', lines));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<Counts>(text, JsonSerializerOptions.Web)!;
    }

    public static string Record(string id, string occurredAt, string area, string category, string? flags = null, int? version = null, string? status = null)
    {
        var fields = new List<string> { $"\"id\":\"{id}\"", $"\"occurredAt\":\"{occurredAt}\"", $"\"area\":\"{area}\"", $"\"category\":\"{category}\"" };
        if (flags is not null) fields.Add($"\"flags\":[{string.Join(',', flags.Split(',').Select(f => $"\"{f}\""))}]");
        if (version is not null) fields.Add($"\"version\":{version}");
        if (status is not null) fields.Add($"\"status\":\"{status}\"");
        return "{" + string.Join(',', fields) + "}";
    }

    public static async Task<JsonElement> GetJson(this HttpClient http, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<long> Total(this HttpClient http, string footprint, string feed, string from, string to, string? category = null, string? extra = null)
    {
        var query = $"/api/v1/footprints/{footprint}/series?feed={feed}&from={from}&to={to}&granularity=year"
                    + (category is null ? "" : $"&category={category}") + (extra ?? "");
        return (await http.GetJson(query)).GetProperty("total").GetInt64();
    }

    /// <summary>Rollups converge shortly after acknowledgement; polls (correctness, not speed) until equal.</summary>
    public static async Task EventuallyTotal(this HttpClient http, long expected, string footprint, string feed, string from, string to, string? category = null,
        string? extra = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        long actual;
        do
        {
            actual = await http.Total(footprint, feed, from, to, category, extra);
            if (actual == expected) return;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(expected, actual);
    }
}
