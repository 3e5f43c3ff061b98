using System.Net;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>Exceedance over live series: EARS and Farrington through the real server.</summary>
[Collection(SharedHubCollection.Name)]
public sealed class ExceedanceTests(SharedHub shared)
{
    private HttpClient Http => shared.Http;

    [Fact]
    public async Task A_spike_after_a_steady_baseline_alarms_under_ears_c1()
    {
        int[] weekly = [2, 3, 4, 3, 2, 3, 4, 20, 3];
        var monday = new DateOnly(2015, 1, 5);
        var rows = weekly.SelectMany((n, week) => Enumerable.Range(0, n).Select(i =>
            Record($"e1-{week}-{i}", $"{monday.AddDays(7 * week + 2):yyyy-MM-dd}T12:00:00Z", "W06000011", "crime"))).ToArray();
        await Http.IngestNdjson("calls", rows);
        await Http.EventuallyTotal(weekly.Sum(), "la:swansea", "calls", "2015-01-01", "2015-12-31");

        var spikeWeek = monday.AddDays(7 * 7);
        var body = await Http.GetJson($"/api/v1/footprints/la:swansea/exceedance?feed=calls&granularity=week&method=ears-c1&from={spikeWeek:yyyy-MM-dd}&to={spikeWeek.AddDays(6):yyyy-MM-dd}");
        var point = Assert.Single(body.GetProperty("points").EnumerateArray());
        Assert.Equal(20, point.GetProperty("count").GetInt64());
        Assert.Equal(3.0, point.GetProperty("expected").GetDouble(), 9); // mean of 2,3,4,3,2,3,4
        Assert.True(point.GetProperty("alarm").GetBoolean());
        Assert.Equal(0.5, body.GetProperty("parameters").GetProperty("minSigma").GetDouble());

        // The week after: its baseline holds the spike, so an ordinary count does not alarm.
        var ordinary = await Http.GetJson($"/api/v1/footprints/la:swansea/exceedance?feed=calls&granularity=week&method=ears-c1&from={monday.AddDays(56):yyyy-MM-dd}&to={monday.AddDays(62):yyyy-MM-dd}");
        Assert.False(Assert.Single(ordinary.GetProperty("points").EnumerateArray()).GetProperty("alarm").GetBoolean());

        // Weeks before the first record are missing history, not zeros: the first weeks cannot be tested.
        var early = await Http.GetJson($"/api/v1/footprints/la:swansea/exceedance?feed=calls&granularity=week&method=ears-c1&from={monday:yyyy-MM-dd}&to={monday.AddDays(6):yyyy-MM-dd}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, Assert.Single(early.GetProperty("points").EnumerateArray()).GetProperty("alarm").ValueKind);
    }

    [Fact]
    public async Task Farrington_without_five_years_of_history_tests_nothing_and_says_so()
    {
        var body = await Http.GetJson("/api/v1/footprints/nation:wales/exceedance?feed=crime&granularity=week&method=farrington&from=2025-03-03&to=2025-03-16");
        var points = body.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(2, points.Count);
        Assert.All(points, p =>
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, p.GetProperty("expected").ValueKind);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, p.GetProperty("alarm").ValueKind);
        });
    }

    [Theory]
    [InlineData("method=farrington&granularity=day", "granularity")]
    [InlineData("method=cusum", "cusum")]
    [InlineData("granularity=month", "month")]
    public async Task Unsupported_methods_and_periods_are_problems(string query, string named)
    {
        var response = await Http.GetAsync($"/api/v1/footprints/la:cardiff/exceedance?feed=crime&{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The time profile through the real server.</summary>
[Collection(SharedHubCollection.Name)]
public sealed class ProfileTests(SharedHub shared)
{
    [Fact]
    public async Task Friday_and_saturday_night_records_land_in_their_local_hours()
    {
        // 2016-07-01 is a Friday: 22:30 BST is 21:30Z. 2016-07-02 23:10 BST is Saturday 22:10Z.
        await shared.Http.IngestNdjson("ed-assaults",
            Record("p1-1", "2016-07-01T21:30:00Z", "W06000015", "means-glass-or-bottle"),
            Record("p1-2", "2016-07-01T21:45:00Z", "W06000015", "means-body"),
            Record("p1-3", "2016-07-02T22:10:00Z", "W06000015", "means-body"));
        await shared.Http.EventuallyTotal(3, "nation:wales", "ed-assaults", "2016-01-01", "2016-12-31");

        var body = await shared.Http.GetJson("/api/v1/footprints/rpb:cardiff-and-vale/profile?feed=ed-assaults&from=2016-07-01&to=2016-07-31");
        var days = body.GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("day").GetString()!, d => d.GetProperty("hours"));
        Assert.Equal(2, days["friday"][22].GetInt64());
        Assert.Equal(1, days["saturday"][23].GetInt64());
        Assert.Equal(3, body.GetProperty("total").GetInt64());
        Assert.Equal("2016-07-01", body.GetProperty("from").GetString());
    }
}
