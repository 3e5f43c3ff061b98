using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace AnalysisHub.Cluster.Tests;

/// <summary>A footprint as listed by <c>GET /api/v1/footprints</c>: what the checks need of it.</summary>
public sealed record FootprintInfo(string Id, string Kind, string? Code, IReadOnlyList<string> Members);

/// <summary>
/// Checks that every acknowledged record counts exactly once in every footprint: each footprint's total equals
/// the sum of what was acknowledged for its member authorities, and every kind that partitions Wales sums to the
/// Wales figure.
/// </summary>
public sealed class Exactness(HttpClient http, IReadOnlyList<FootprintInfo> footprints)
{
    public static async Task<Exactness> LoadAsync(HttpClient http) =>
        new(http, (await http.GetFromJsonAsync<List<FootprintInfo>>("/api/v1/footprints", JsonSerializerOptions.Web))!);

    public IReadOnlyList<string> AuthorityCodes => footprints.Where(f => f.Kind == "la").Select(f => f.Code!).ToList();

    /// <summary>Polls until every footprint is exact; returns how long that took, or fails listing what differs.</summary>
    public async Task<TimeSpan> WaitUntilExactAsync(IReadOnlyDictionary<string, long> acknowledgedByCode, TimeSpan within)
    {
        var idToCode = footprints.Where(f => f.Kind == "la").ToDictionary(f => f.Id, f => f.Code!);
        var expected = footprints.ToDictionary(f => f.Id, f => f.Members.Sum(m => acknowledgedByCode.GetValueOrDefault(idToCode[m])));
        var clock = Stopwatch.StartNew();
        List<string> wrong;
        do
        {
            wrong = [];
            foreach (var f in footprints)
            {
                var actual = await TotalAsync(f.Id);
                if (actual != expected[f.Id]) wrong.Add($"{f.Id}: {actual?.ToString() ?? "no answer"} ≠ {expected[f.Id]}");
            }
            if (wrong.Count == 0)
            {
                AssertEveryPartitionSumsToWales(expected);
                await AssertRecountAuditIsCleanAsync();
                return clock.Elapsed;
            }
            await Task.Delay(500);
        } while (clock.Elapsed < within);
        Assert.Fail($"{wrong.Count} footprints not exact after {within.TotalSeconds} s:\n{string.Join('\n', wrong.Take(20))}");
        return clock.Elapsed;
    }

    /// <summary>The hub's own recount audit agrees: every authority equals its records, every footprint its members.</summary>
    private async Task AssertRecountAuditIsCleanAsync()
    {
        using var response = await http.GetAsync("/api/v1/admin/verify");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"verify answered {(int)response.StatusCode}: {text}");
        using var report = JsonDocument.Parse(text);
        Assert.True(report.RootElement.GetProperty("differences").GetArrayLength() == 0, $"recount audit: {text}");
    }

    private void AssertEveryPartitionSumsToWales(Dictionary<string, long> totals)
    {
        var authorities = footprints.Where(f => f.Kind == "la").Select(f => f.Id).ToHashSet();
        var wales = totals["nation:wales"];
        foreach (var kind in footprints.GroupBy(f => f.Kind))
        {
            var members = kind.SelectMany(f => f.Members).ToList();
            var partitions = members.Count == authorities.Count && members.ToHashSet().SetEquals(authorities);
            if (!partitions) continue;
            Assert.True(kind.Sum(f => totals[f.Id]) == wales, $"{kind.Key} footprints sum to {kind.Sum(f => totals[f.Id])}, Wales is {wales}");
        }
    }

    private async Task<long?> TotalAsync(string footprint)
    {
        try
        {
            using var response = await http.GetAsync($"/api/v1/footprints/{footprint}/series?feed=crime&from=2025-01-01&to=2025-12-31&granularity=year");
            if (!response.IsSuccessStatusCode) return null;
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("total").GetInt64();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
