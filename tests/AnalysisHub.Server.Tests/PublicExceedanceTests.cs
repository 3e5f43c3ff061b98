using System.Text.Json;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>Public exceedance through the real server (public-safety calls in Ceredigion in 1993, used by no other test).</summary>
[Collection(SharedHubCollection.Name)]
public sealed class PublicExceedanceTests(SharedHub shared)
{
    private HttpClient Http => shared.Http;

    private static readonly DateOnly FirstMonday = new(1993, 1, 4);

    /// <summary>
    /// Weekly counts from 1993-W01 (week 0 here): a 3 in week 6, a spike of 25 in week 14 after a steady baseline, a 2
    /// in week 16. The answers cover weeks 8 to 39.
    /// </summary>
    private static readonly int[] Weekly =
        [8, 9, 7, 10, 8, 9, 3, 8, 9, 10, 7, 8, 9, 8, 25, 9, 2, 8, 10, 9, 8, 7, 9, 8, 10, 9, 8, 9, 8, 9, 10, 8, 9, 7, 8, 9, 10, 8, 9, 8];

    private static string Path(string method, string prefix = "/api/v1/public") =>
        $"{prefix}/footprints/la:ceredigion/exceedance?feed=calls&category=public-safety-and-welfare&method={method}" +
        $"&from={FirstMonday.AddDays(7 * 8):yyyy-MM-dd}&to={FirstMonday.AddDays(7 * Weekly.Length - 1):yyyy-MM-dd}";

    private Task IngestOnce() => shared.SeedOnceAsync(nameof(PublicExceedanceTests), async () =>
    {
        var rows = Weekly.SelectMany((n, w) => Enumerable.Range(0, n).Select(i =>
            Record($"pexc-{w}-{i}", $"{FirstMonday.AddDays(7 * w + i % 7):yyyy-MM-dd}T12:00:00Z", "W06000008", "public-safety-and-welfare"))).ToArray();
        await Http.IngestNdjson("calls", rows);
        await Http.EventuallyTotal(Weekly.Sum(), "la:ceredigion", "calls", "1993-01-01", "1993-12-31", "public-safety-and-welfare");
    });

    // The answer's points run from week 8; point j is week 8 + j.
    private static List<JsonElement> Points(JsonElement body) => body.GetProperty("points").EnumerateArray().ToList();

    [Fact]
    public async Task Small_counts_show_as_less_than_five_and_figures_computed_from_them_are_withheld()
    {
        await IngestOnce();
        var body = await Http.GetJson(Path("ears-c1"));
        var points = Points(body);
        Assert.Equal(Weekly.Length - 8, points.Count);
        Assert.Contains("withheld", body.GetProperty("disclosureControl").GetString(), StringComparison.Ordinal);

        var small = points[16 - 8];
        Assert.Equal("<5", small.GetProperty("count").GetString());
        Assert.True(small.GetProperty("suppressed").GetBoolean());
        Assert.True(small.GetProperty("withheld").GetBoolean());
        foreach (var figure in new[] { "expected", "threshold", "statistic", "alarm" })
            Assert.Equal(JsonValueKind.Null, small.GetProperty(figure).ValueKind);

        // Week 9's baseline (weeks 2–8) holds the 3 of week 6; week 17's holds the 2 of week 16: withheld though shown themselves.
        foreach (var week in new[] { 9, 13, 17, 23 })
        {
            Assert.True(points[week - 8].GetProperty("withheld").GetBoolean(), $"week {week}");
            Assert.Equal(Weekly[week], points[week - 8].GetProperty("count").GetInt64());
            Assert.Equal(JsonValueKind.Null, points[week - 8].GetProperty("expected").ValueKind);
        }

        // The spike's baseline (weeks 7–13) has no small count: the alarm stands, as it does for partners.
        var spike = points[14 - 8];
        Assert.False(spike.GetProperty("withheld").GetBoolean());
        Assert.Equal(25, spike.GetProperty("count").GetInt64());
        Assert.Equal(59.0 / 7, spike.GetProperty("expected").GetDouble(), 9);
        Assert.True(spike.GetProperty("alarm").GetBoolean());
        Assert.False(points[24 - 8].GetProperty("withheld").GetBoolean());
        Assert.False(points[24 - 8].GetProperty("alarm").GetBoolean());
    }

    [Fact]
    public async Task The_partner_exceedance_of_the_same_data_is_unsuppressed()
    {
        await IngestOnce();
        var points = Points(await Http.GetJson(Path("ears-c1", "/api/v1")));
        Assert.Equal(2, points[16 - 8].GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Number, points[16 - 8].GetProperty("statistic").ValueKind);
        Assert.Equal(JsonValueKind.Number, points[17 - 8].GetProperty("expected").ValueKind);
    }

    /// <summary>
    /// The relations an exceedance output holds: each shown expected value is its baseline's mean (seven times it is
    /// their sum) and the threshold adds their sd; a shown statistic or alarm involves the period's own count. None
    /// may involve a withheld count.
    /// </summary>
    [Theory]
    [InlineData("ears-c1", 7, 1)]
    [InlineData("ears-c2", 9, 3)]
    [InlineData("ears-c3", 11, 0)]
    public async Task No_withheld_count_of_a_public_exceedance_can_be_recovered_from_the_other_numbers(string method, int furthest, int nearest)
    {
        await IngestOnce();
        var points = Points(await Http.GetJson(Path(method)));
        var withheldCounts = Enumerable.Range(0, points.Count).Where(j => points[j].GetProperty("suppressed").GetBoolean()).ToList();
        Assert.NotEmpty(withheldCounts);
        for (var j = 0; j < points.Count; j++)
        {
            var p = points[j];
            if (p.GetProperty("withheld").GetBoolean()) continue;
            if (p.GetProperty("alarm").ValueKind != JsonValueKind.Null || p.GetProperty("statistic").ValueKind != JsonValueKind.Null)
                Assert.False(p.GetProperty("suppressed").GetBoolean(), $"point {j}: a figure shown beside a withheld count");
            if (p.GetProperty("expected").ValueKind == JsonValueKind.Null) continue;
            foreach (var w in withheldCounts)
                Assert.False(w >= j - furthest && w <= j - nearest, $"point {j}: its shown expected value and threshold are computed from withheld point {w}");
        }
        Assert.Contains(points, p => !p.GetProperty("withheld").GetBoolean() && p.GetProperty("alarm").ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task Withheld_counts_taking_other_values_leave_the_public_exceedance_unchanged()
    {
        await IngestOnce();
        // A copy of the weeks in Gwynedd, so changing it leaves the other tests' data alone.
        var rows = Weekly.SelectMany((n, w) => Enumerable.Range(0, n).Select(i =>
            Record($"pexc-g-{w}-{i}", $"{FirstMonday.AddDays(7 * w + i % 7):yyyy-MM-dd}T12:00:00Z", "W06000002", "public-safety-and-welfare"))).ToArray();
        await Http.IngestNdjson("calls", rows);
        await Http.EventuallyTotal(Weekly.Sum(), "la:gwynedd", "calls", "1993-01-01", "1993-12-31", "public-safety-and-welfare");
        var methods = new[] { "ears-c1", "ears-c2", "ears-c3" };
        var before = new List<string>();
        foreach (var method in methods) before.Add((await Http.GetJson(Path(method).Replace("la:ceredigion", "la:gwynedd", StringComparison.Ordinal))).GetRawText());

        // Week 6 goes from 3 to 4 and week 16 from 2 to 1.
        await Http.IngestNdjson("calls",
            Record("pexc-g-6-extra", $"{FirstMonday.AddDays(7 * 6 + 3):yyyy-MM-dd}T12:00:00Z", "W06000002", "public-safety-and-welfare"),
            Record("pexc-g-16-0", $"{FirstMonday.AddDays(7 * 16):yyyy-MM-dd}T12:00:00Z", "W06000002", "public-safety-and-welfare", version: 2, status: "cancelled"));
        // The year's total is the same after both changes (+1, -1), so it is the two weeks that are waited for.
        await Http.EventuallyTotal(4, "la:gwynedd", "calls", $"{FirstMonday.AddDays(42):yyyy-MM-dd}", $"{FirstMonday.AddDays(48):yyyy-MM-dd}", "public-safety-and-welfare");
        await Http.EventuallyTotal(1, "la:gwynedd", "calls", $"{FirstMonday.AddDays(112):yyyy-MM-dd}", $"{FirstMonday.AddDays(118):yyyy-MM-dd}", "public-safety-and-welfare");
        Assert.Equal(Weekly.Sum(), await Http.Total("la:gwynedd", "calls", "1993-01-01", "1993-12-31", "public-safety-and-welfare"));

        for (var m = 0; m < methods.Length; m++)
            Assert.Equal(before[m], (await Http.GetJson(Path(methods[m]).Replace("la:ceredigion", "la:gwynedd", StringComparison.Ordinal))).GetRawText());
    }
}
