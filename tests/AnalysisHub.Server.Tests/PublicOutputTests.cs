using System.Text.Json;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>Public outputs: small numbers suppressed, and nothing suppressed can be derived from the rest.</summary>
[Collection(SharedHubCollection.Name)]
public sealed class PublicOutputTests(SharedHub shared)
{
    private HttpClient Http => shared.Http;

    [Fact]
    public async Task No_suppressed_cell_of_a_public_comparison_can_be_recovered_from_the_other_numbers()
    {
        // Missing-person incidents in 2014 per RPB: North Wales 3 (small), Powys 0, West Wales 7, West Glamorgan 12,
        // Cwm Taf Morgannwg 20, Cardiff and Vale 30, Gwent 6 — Wales 78 is shown, so 3 alone could be derived.
        var perArea = new Dictionary<string, int>
        {
            ["W06000002"] = 3, ["W06000010"] = 7, ["W06000011"] = 12, ["W06000016"] = 20, ["W06000015"] = 30, ["W06000022"] = 6,
        };
        var rows = perArea.SelectMany(kv => Enumerable.Range(0, kv.Value)
            .Select(i => Record($"pub1-{kv.Key}-{i}", $"2014-05-{1 + i % 28:D2}T15:00:00Z", kv.Key, "missing-person"))).ToArray();
        await Http.IngestNdjson("incidents", rows);
        await Http.EventuallyTotal(78, "nation:wales", "incidents", "2014-01-01", "2014-12-31");

        var body = await Http.GetJson("/api/v1/public/compare?kind=rpb&feed=incidents&category=missing-person&from=2014-01-01&to=2014-12-31");
        var output = body.GetProperty("rows").EnumerateArray().ToList();
        var northWales = output.Single(r => r.GetProperty("footprint").GetString() == "rpb:north-wales");
        Assert.Equal("<5", northWales.GetProperty("count").GetString());
        Assert.True(northWales.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, northWales.GetProperty("ratePer100k").ValueKind);
        Assert.Equal("not-compared", northWales.GetProperty("comparison").GetString());
        Assert.True(output.Count(r => r.GetProperty("suppressed").GetBoolean()) >= 2);

        await AssertNothingRecoverable(output);

        // The partner output of the same question is unsuppressed.
        var partner = await Http.GetJson("/api/v1/compare?kind=rpb&feed=incidents&category=missing-person&from=2014-01-01&to=2014-12-31");
        Assert.Equal(3, partner.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("footprint").GetString() == "rpb:north-wales")
            .GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task A_drill_down_suppresses_the_other_member_when_one_is_small()
    {
        await Http.IngestNdjson("incidents", Enumerable.Range(0, 14).Select(i =>
            Record($"pub2-{i}", $"2013-02-{1 + i:D2}T15:00:00Z", i < 12 ? "W06000016" : "W06000024", "sudden-death")).ToArray());
        await Http.EventuallyTotal(14, "csp:cwm-taf", "incidents", "2013-01-01", "2013-12-31", "sudden-death");

        var body = await Http.GetJson("/api/v1/public/footprints/csp:cwm-taf/members?feed=incidents&category=sudden-death&from=2013-01-01&to=2013-12-31");
        var output = body.GetProperty("rows").EnumerateArray().ToList();
        var rows = output.ToDictionary(r => r.GetProperty("footprint").GetString()!);
        Assert.Equal(14, rows["csp:cwm-taf"].GetProperty("count").GetInt64());
        Assert.True(rows["la:merthyr-tydfil"].GetProperty("suppressed").GetBoolean());
        Assert.True(rows["la:rhondda-cynon-taf"].GetProperty("suppressed").GetBoolean()); // else 14 − 12 = 2
        await AssertNothingRecoverable(output);
    }

    /// <summary>
    /// Independent of how the hub chooses groups: for every shown row and every set of other rows whose member
    /// authorities partition it exactly, the row plus that set must not contain exactly one suppressed value.
    /// </summary>
    private async Task AssertNothingRecoverable(List<JsonElement> output)
    {
        var members = (await Http.GetJson("/api/v1/footprints")).EnumerateArray().ToDictionary(
            f => f.GetProperty("id").GetString()!, f => f.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToHashSet());
        var ids = output.Select(r => r.GetProperty("footprint").GetString()!).ToList();
        var suppressed = output.Select(r => r.GetProperty("suppressed").GetBoolean()).ToList();
        for (var parent = 0; parent < ids.Count; parent++)
        {
            var others = Enumerable.Range(0, ids.Count).Where(i => i != parent && members[ids[i]].IsSubsetOf(members[ids[parent]])).ToList();
            for (var mask = 1; mask < 1 << others.Count; mask++)
            {
                var chosen = others.Where((_, bit) => (mask & (1 << bit)) != 0).ToList();
                var covered = chosen.SelectMany(i => members[ids[i]]).ToList();
                if (covered.Count != members[ids[parent]].Count || !covered.ToHashSet().SetEquals(members[ids[parent]])) continue;
                var hidden = chosen.Append(parent).Count(i => suppressed[i]);
                Assert.True(hidden != 1, $"{ids[parent]} = {string.Join(" + ", chosen.Select(i => ids[i]))} reveals the one suppressed value");
            }
        }
    }
}
