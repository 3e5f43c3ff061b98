using System.Net;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>Rates with intervals compared with Wales, by kind and by members.</summary>
[Collection(SharedHubCollection.Name)]
public sealed class ComparisonTests(SharedHub shared)
{
    private HttpClient Http => shared.Http;

    [Fact]
    public async Task Compare_gives_one_row_per_footprint_of_the_kind_and_the_benchmark_row_with_significance()
    {
        // 200 assaults, all in Cardiff: Cardiff and Vale is significantly higher than Wales, every other RPB lower.
        await Http.IngestNdjson("ambulance-assaults", Enumerable.Range(0, 200)
            .Select(i => Record($"c1-{i}", $"2019-0{1 + i % 9}-1{i % 9}T20:00:00Z", "W06000015", "assault")).ToArray());
        await Http.EventuallyTotal(200, "nation:wales", "ambulance-assaults", "2019-01-01", "2019-12-31");

        var body = await Http.GetJson("/api/v1/compare?kind=rpb&feed=ambulance-assaults&category=assault&from=2019-01-01&to=2019-12-31&benchmark=nation:wales");
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(8, rows.Count);
        var benchmark = Assert.Single(rows, r => r.GetProperty("isBenchmark").GetBoolean());
        Assert.Equal("nation:wales", benchmark.GetProperty("footprint").GetString());
        Assert.Equal(200, benchmark.GetProperty("count").GetInt64());
        Assert.Equal(200 * 100_000.0 / 3107489, benchmark.GetProperty("ratePer100k").GetDouble(), 9);

        var areas = rows.Where(r => !r.GetProperty("isBenchmark").GetBoolean()).ToList();
        Assert.Equal(200, areas.Sum(r => r.GetProperty("count").GetInt64()));
        Assert.Equal("higher", areas.Single(r => r.GetProperty("footprint").GetString() == "rpb:cardiff-and-vale").GetProperty("comparison").GetString());
        Assert.All(areas.Where(r => r.GetProperty("footprint").GetString() != "rpb:cardiff-and-vale"),
            r => Assert.Equal("lower", r.GetProperty("comparison").GetString()));
        foreach (var row in rows)
        {
            var (rate, ci95, ci998) = (row.GetProperty("ratePer100k").GetDouble(), row.GetProperty("ci95"), row.GetProperty("ci998"));
            Assert.InRange(rate, ci95[0].GetDouble(), ci95[1].GetDouble());
            Assert.True(ci998[0].GetDouble() <= ci95[0].GetDouble() && ci998[1].GetDouble() >= ci95[1].GetDouble(), "the 99.8% interval contains the 95% one");
        }
    }

    [Fact]
    public async Task Members_drill_down_lists_each_member_authority_and_series_points_carry_ci95()
    {
        await Http.IngestNdjson("ed-assaults", Enumerable.Range(0, 30)
            .Select(i => Record($"c2-{i}", $"2018-03-0{1 + i % 9}T22:00:00Z", i < 20 ? "W06000016" : "W06000024", "means-body")).ToArray());
        await Http.EventuallyTotal(30, "csp:cwm-taf", "ed-assaults", "2018-01-01", "2018-12-31");

        var body = await Http.GetJson("/api/v1/footprints/csp:cwm-taf/members?feed=ed-assaults&from=2018-01-01&to=2018-12-31");
        var rows = body.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("footprint").GetString()!);
        Assert.Equal(20, rows["la:rhondda-cynon-taf"].GetProperty("count").GetInt64());
        Assert.Equal(10, rows["la:merthyr-tydfil"].GetProperty("count").GetInt64());
        Assert.True(rows["nation:wales"].GetProperty("isBenchmark").GetBoolean());

        var series = await Http.GetJson("/api/v1/footprints/csp:cwm-taf/series?feed=ed-assaults&from=2018-03-01&to=2018-03-31");
        var point = series.GetProperty("points")[0];
        Assert.Equal(30, point.GetProperty("count").GetInt64());
        Assert.InRange(point.GetProperty("ratePer100k").GetDouble(), point.GetProperty("ci95")[0].GetDouble(), point.GetProperty("ci95")[1].GetDouble());
    }

    [Fact]
    public async Task Partner_comparisons_compare_small_counts_through_their_exact_interval_and_public_ones_do_not()
    {
        // ED assaults in 2017: Cardiff 3, Merthyr Tydfil 4, Powys 1 — Wales 8, a rate of 0.257 per 100,000.
        var perArea = new Dictionary<string, int> { ["W06000015"] = 3, ["W06000024"] = 4, ["W06000023"] = 1 };
        await Http.IngestNdjson("ed-assaults", perArea.SelectMany(kv => Enumerable.Range(0, kv.Value)
            .Select(i => Record($"c3-{kv.Key}-{i}", $"2017-04-{10 + i:D2}T21:00:00Z", kv.Key, "means-body"))).ToArray());
        await Http.EventuallyTotal(8, "nation:wales", "ed-assaults", "2017-01-01", "2017-12-31");

        const string question = "feed=ed-assaults&from=2017-01-01&to=2017-12-31";
        foreach (var path in new[] { $"/api/v1/compare?kind=la&{question}", $"/api/v1/footprints/csp:cwm-taf/members?{question}" })
        {
            var rows = (await Http.GetJson(path)).GetProperty("rows").EnumerateArray().ToList();
            var benchmarkRate = rows.Single(r => r.GetProperty("isBenchmark").GetBoolean()).GetProperty("ratePer100k").GetDouble();
            Assert.Equal(8 * 100_000.0 / 3107489, benchmarkRate, 9);
            foreach (var row in rows.Where(r => !r.GetProperty("isBenchmark").GetBoolean()))
            {
                var (lower, upper) = (row.GetProperty("ci95")[0].GetDouble(), row.GetProperty("ci95")[1].GetDouble());
                var expected = lower > benchmarkRate ? "higher" : upper < benchmarkRate ? "lower" : "similar";
                Assert.Equal(expected, row.GetProperty("comparison").GetString());
            }
            var merthyr = rows.Single(r => r.GetProperty("footprint").GetString() == "la:merthyr-tydfil");
            Assert.Equal(4, merthyr.GetProperty("count").GetInt64());
            // 4 in 58,839 people: exact 95% limits 1.85–17.4 per 100,000, wholly above Wales.
            Assert.Equal("higher", merthyr.GetProperty("comparison").GetString());
        }

        var byLa = (await Http.GetJson($"/api/v1/compare?kind=la&{question}")).GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("footprint").GetString()!);
        // Cardiff's 3 (0.83 per 100,000, exact limits 0.17–2.42) contains Wales's rate; Powys's 1 likewise.
        Assert.Equal(3, byLa["la:cardiff"].GetProperty("count").GetInt64());
        Assert.Equal("similar", byLa["la:cardiff"].GetProperty("comparison").GetString());
        Assert.Equal(1, byLa["la:powys"].GetProperty("count").GetInt64());
        Assert.Equal("similar", byLa["la:powys"].GetProperty("comparison").GetString());

        // The public output of the same question leaves the suppressed rows uncompared.
        var publicRows = (await Http.GetJson($"/api/v1/public/compare?kind=la&{question}")).GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("footprint").GetString()!);
        Assert.Equal("not-compared", publicRows["la:cardiff"].GetProperty("comparison").GetString());
        Assert.Equal("not-compared", publicRows["la:merthyr-tydfil"].GetProperty("comparison").GetString());
    }

    [Theory]
    [InlineData("/api/v1/compare?kind=county&feed=crime", "county")]
    [InlineData("/api/v1/compare?kind=csp&feed=crime&benchmark=la:atlantis", "la:atlantis")]
    [InlineData("/api/v1/compare?kind=csp&feed=crime&category=jaywalking", "jaywalking")]
    public async Task Bad_comparison_parameters_are_problems_naming_them(string path, string named)
    {
        var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
    }
}
