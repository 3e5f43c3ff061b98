using System.Net;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>The footprint registry and series contracts.</summary>
[Collection(SharedHubCollection.Name)]
public sealed class QueryTests(SharedHub shared)
{
    private HttpClient Http => shared.Http;

    [Fact]
    public async Task Footprints_list_every_kind_with_members_parents_and_children()
    {
        var all = (await Http.GetJson("/api/v1/footprints")).EnumerateArray().ToList();
        Assert.Equal(22, all.Count(f => f.GetProperty("kind").GetString() == "la"));
        Assert.Equal(7, all.Count(f => f.GetProperty("kind").GetString() == "rpb"));

        var cwmTaf = await Http.GetJson("/api/v1/footprints/csp:cwm-taf");
        Assert.Equal(["la:rhondda-cynon-taf", "la:merthyr-tydfil"], cwmTaf.GetProperty("members").EnumerateArray().Select(m => m.GetString()).Order().Reverse());
        Assert.Contains("psb:cwm-taf-morgannwg", cwmTaf.GetProperty("parents").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(237658 + 58839, cwmTaf.GetProperty("population").GetInt64());

        var wales = await Http.GetJson("/api/v1/footprints/nation:wales");
        Assert.Empty(wales.GetProperty("parents").EnumerateArray());
        Assert.Contains("force:south-wales", wales.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task An_ons_code_resolves_to_the_canonical_id()
    {
        Assert.Equal("la:cardiff", (await Http.GetJson("/api/v1/footprints/W06000015")).GetProperty("id").GetString());
        var series = await Http.GetJson("/api/v1/footprints/W14000023/series?feed=crime&from=2025-01-01&to=2025-01-31");
        Assert.Equal("csp:cwm-taf", series.GetProperty("footprint").GetString());
    }

    [Fact]
    public async Task A_record_at_2330_utc_on_30_june_counts_on_1_july()
    {
        await Http.IngestNdjson("ambulance-assaults", Record("q1-1", "2021-06-30T23:30:00Z", "W06000015", "assault"));
        var series = await WaitForTotal("/api/v1/footprints/la:cardiff/series?feed=ambulance-assaults&from=2021-06-30&to=2021-07-01&granularity=day", 1);
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(["2021-06-30", "2021-07-01"], points.Select(p => p.GetProperty("period").GetString()));
        Assert.Equal([0L, 1L], points.Select(p => p.GetProperty("count").GetInt64()));
        Assert.Equal(100_000.0 / 362312, points[1].GetProperty("ratePer100k").GetDouble(), 9);
    }

    [Fact]
    public async Task Series_points_are_dense_with_their_own_bounds_and_count_only_days_in_range()
    {
        await Http.IngestNdjson("incidents",
            Record("q2-1", "2022-06-29T12:00:00Z", "W06000023", "asb-nuisance"),
            Record("q2-2", "2022-07-04T12:00:00Z", "W06000023", "asb-personal"),
            Record("q2-3", "2022-09-30T12:00:00Z", "W06000023", "missing-person"));
        var series = await WaitForTotal(
            "/api/v1/footprints/rpb:powys/series?feed=incidents&category=anti-social-behaviour&from=2022-06-30&to=2022-09-02&granularity=week", 1);
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal("2022-W26", points[0].GetProperty("period").GetString());
        Assert.Equal("2022-06-27", points[0].GetProperty("start").GetString()); // the week's own Monday, outside the range
        Assert.Equal(0, points[0].GetProperty("count").GetInt64()); // the 29 June record lies before `from`
        Assert.Equal(1, points[1].GetProperty("count").GetInt64());
        Assert.Equal(10, points.Count);
        Assert.All(points.Skip(2), p => Assert.Equal(0, p.GetProperty("count").GetInt64()));

        var quarterly = await Http.GetJson("/api/v1/footprints/rpb:powys/series?feed=incidents&from=2022-04-01&to=2023-03-31&granularity=quarter");
        Assert.Equal(["2022-Q2", "2022-Q3", "2022-Q4", "2023-Q1"], quarterly.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("period").GetString()));
        var fy = await Http.GetJson("/api/v1/footprints/rpb:powys/series?feed=incidents&from=2022-04-01&to=2023-03-31&granularity=financial-year");
        Assert.Equal("2022-23", fy.GetProperty("points")[0].GetProperty("period").GetString());
        Assert.Equal(3, fy.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Without_from_and_to_the_series_covers_the_last_12_complete_months()
    {
        var series = await Http.GetJson("/api/v1/footprints/nation:wales/series?feed=crime");
        Assert.Equal("month", series.GetProperty("granularity").GetString());
        Assert.Equal(12, series.GetProperty("points").GetArrayLength());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        Assert.Equal(firstOfMonth.AddDays(-1).ToString("yyyy-MM-dd"), series.GetProperty("to").GetString());
    }

    [Theory]
    [InlineData("/api/v1/footprints/la:atlantis/series?feed=crime", HttpStatusCode.NotFound, "la:atlantis")]
    [InlineData("/api/v1/footprints/la:cardiff/series?feed=parking", HttpStatusCode.BadRequest, "parking")]
    [InlineData("/api/v1/footprints/la:cardiff/series", HttpStatusCode.BadRequest, "feed")]
    [InlineData("/api/v1/footprints/la:cardiff/series?feed=crime&category=jaywalking", HttpStatusCode.BadRequest, "jaywalking")]
    [InlineData("/api/v1/footprints/la:cardiff/series?feed=crime&flag=purple", HttpStatusCode.BadRequest, "purple")]
    [InlineData("/api/v1/footprints/la:cardiff/series?feed=crime&granularity=fortnight", HttpStatusCode.BadRequest, "fortnight")]
    [InlineData("/api/v1/footprints/la:cardiff/series?feed=crime&from=2025-02-30", HttpStatusCode.BadRequest, "2025-02-30")]
    [InlineData("/api/v1/footprints/la:cardiff/series?feed=crime&from=2025-03-01&to=2025-02-01", HttpStatusCode.BadRequest, "from")]
    [InlineData("/api/v1/footprints/W99999999", HttpStatusCode.NotFound, "W99999999")]
    public async Task Bad_parameters_are_problem_details_naming_them(string path, HttpStatusCode status, string named)
    {
        var response = await Http.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(named, body);
        Assert.Contains("\"title\"", body);
    }

    [Fact]
    public async Task The_openapi_document_and_health_endpoints_are_served()
    {
        var openApi = await Http.GetJson("/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/v1/footprints/{id}/series", out _));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health/ready")).StatusCode);
    }

    private async Task<System.Text.Json.JsonElement> WaitForTotal(string path, long total)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var series = await Http.GetJson(path);
            if (series.GetProperty("total").GetInt64() == total || DateTime.UtcNow > deadline) return series;
            await Task.Delay(50);
        }
    }
}
