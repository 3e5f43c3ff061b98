using System.Net;
using System.Text.Json;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests.Confidence;

/// <summary>
/// The confidence indicator through the real server: weighted and unweighted responses, corrections of the answer and
/// of the weight alone, cancellations and re-sends, rolled up to forces and Wales. Expected figures are computed
/// independently with exact fractions by <c>expected_values.py</c> beside this file (its output is quoted in comments).
/// </summary>
[Collection(SharedHubCollection.Name)]
public sealed class ConfidenceIndicatorTests(SharedHub shared)
{
    private const string Indicator = "police-and-council-dealing-with-issues";
    private const string Feed = "confidence-survey";
    private HttpClient Http => shared.Http;

    private static string Response(string id, string day, string area, string answer, string? weight = null, int? version = null, bool cancelled = false)
    {
        var fields = new Dictionary<string, object> { ["id"] = id, ["occurredAt"] = day, ["precision"] = "day", ["area"] = area, ["category"] = answer };
        if (weight is not null) fields["weight"] = JsonDocument.Parse(weight).RootElement;
        if (version is not null) fields["version"] = version;
        if (cancelled) fields["status"] = "cancelled";
        return JsonSerializer.Serialize(fields);
    }

    /// <summary>Responses spread over the year from 2 January (so a period of 365 days before the next year holds them all).</summary>
    private static IEnumerable<string> Unweighted(string prefix, string area, int year, int agree, int total) =>
        Enumerable.Range(0, total).Select(i => Response($"{prefix}-{i}", $"{year}-{1 + i % 12:00}-{2 + i % 27:00}", area,
            i < agree ? (i % 2 == 0 ? "strongly-agree" : "tend-to-agree") : (i % 3) switch { 0 => "tend-to-disagree", 1 => "neither-agree-nor-disagree", _ => "dont-know" }));

    private async Task<JsonElement> EventuallyFigure(string footprint, string from, string to, long unweightedBase)
    {
        var path = $"/api/v1/indicators/{Indicator}/footprints/{footprint}?from={from}&to={to}";
        for (var attempt = 0; ; attempt++)
        {
            var body = await Http.GetJson(path);
            if (body.GetProperty("unweightedBase").GetInt64() == unweightedBase || attempt > 100) return body;
            await Task.Delay(100);
        }
    }

    private static void AssertFigure(JsonElement body, long n, double numerator, double denominator, double percent, double effectiveBase, double lo, double hi)
    {
        Assert.Equal(n, body.GetProperty("unweightedBase").GetInt64());
        Assert.Equal(numerator, body.GetProperty("numerator").GetDouble(), 9);
        Assert.Equal(denominator, body.GetProperty("denominator").GetDouble(), 9);
        AssertClose(percent, body.GetProperty("percent").GetDouble());
        AssertClose(effectiveBase, body.GetProperty("effectiveBase").GetDouble());
        AssertClose(lo, body.GetProperty("ci95")[0].GetDouble());
        AssertClose(hi, body.GetProperty("ci95")[1].GetDouble());
    }

    /// <summary>Agreement to 6 significant figures.</summary>
    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 5e-7 * Math.Abs(expected), $"expected {expected:G9}, got {actual:G9}");

    [Fact]
    public async Task Weighted_responses_corrected_cancelled_and_resent_give_the_exact_figure_for_an_authority_and_for_Wales()
    {
        // First versions: r3 says "tend to agree" and r5 weighs 0.5; r9 is a response later withdrawn.
        await Http.IngestNdjson(Feed,
            Response("ci-r1", "2015-02-03", "W06000015", "strongly-agree", "1.5"),
            Response("ci-r2", "2015-03-04", "W01001780", "tend-to-agree", "0.5"), // an LSOA in Cardiff
            Response("ci-r3", "2015-04-05", "W06000015", "tend-to-agree", "2", version: 1),
            Response("ci-r4", "2015-05-06", "W06000015", "tend-to-disagree"),
            Response("ci-r5", "2015-06-07", "W06000015", "strongly-disagree", "0.5", version: 1),
            Response("ci-r6", "2015-07-08", "W06000015", "dont-know", "0.75"),
            Response("ci-r7", "2015-08-09", "W06000015", "strongly-agree", "3"),
            Response("ci-r8", "2015-09-10", "W06000015", "tend-to-agree", "1.0"),
            Response("ci-r9", "2015-10-11", "W06000015", "strongly-agree", "5"),
            Response("ci-s1", "2015-02-01", "W06000011", "strongly-agree"),
            Response("ci-s2", "2015-03-01", "W06000011", "dont-know"),
            Response("ci-s3", "2015-04-01", "W06000011", "strongly-disagree"),
            Response("ci-s4", "2015-05-01", "W06000011", "tend-to-agree", "1"));
        // The corrections, in an order of their own: the answer of r3, the weight alone of r5, r9 withdrawn, and
        // re-sends that are the same content (0.50 is 0.5; a weight of 1 is no weight given).
        var second = await Http.IngestNdjson(Feed,
            Response("ci-r9", "2015-10-11", "W06000015", "strongly-agree", version: 1, cancelled: true),
            Response("ci-r5", "2015-06-07", "W06000015", "strongly-disagree", "1.25", version: 2),
            Response("ci-r3", "2015-04-05", "W06000015", "neither-agree-nor-disagree", "2", version: 2),
            Response("ci-r2", "2015-03-04", "W01001780", "tend-to-agree", "0.50"),
            Response("ci-s4", "2015-05-01", "W06000011", "tend-to-agree"),
            Response("ci-r3", "2015-04-05", "W06000015", "tend-to-agree", "2", version: 1));
        Assert.Equal((0, 2, 2, 1, 1), (second.Accepted, second.Updated, second.Duplicates, second.Stale, second.Cancelled));

        // cardiff 2015: n=8 numerator=6.0 denominator=11.0 sumsq=19.625 percent=54.5454545455 n_eff=6.16560509554
        //   ci95=[21.9007291980, 83.7004097119]
        var cardiff = await EventuallyFigure("la:cardiff", "2015-01-01", "2015-12-31", 8);
        AssertFigure(cardiff, 8, 6, 11, 54.5454545455, 6.16560509554, 21.9007291980, 83.7004097119);
        Assert.Equal(Indicator, cardiff.GetProperty("indicator").GetString());
        Assert.Equal("la:cardiff", cardiff.GetProperty("footprint").GetString());
        Assert.Equal("2015-01-01", cardiff.GetProperty("from").GetString());
        Assert.Equal("2015-12-31", cardiff.GetProperty("to").GetString());

        // wales 2015: n=12 numerator=8.0 denominator=15.0 sumsq=23.625 percent=53.3333333333 n_eff=9.52380952381
        //   ci95=[25.6119144086, 79.1386122227]; South Wales force holds both authorities, so the same figure.
        AssertFigure(await EventuallyFigure("nation:wales", "2015-01-01", "2015-12-31", 12), 12, 8, 15, 53.3333333333, 9.52380952381, 25.6119144086, 79.1386122227);
        AssertFigure(await EventuallyFigure("force:south-wales", "2015-01-01", "2015-12-31", 12), 12, 8, 15, 53.3333333333, 9.52380952381, 25.6119144086, 79.1386122227);

        // The record's history shows the corrected weight.
        var history = await Http.GetJson("/api/v1/admin/records/confidence-survey/ci-r5");
        Assert.Equal(1.25, history.GetProperty("current").GetProperty("weight").GetDouble());
        Assert.Empty((await Http.GetJson("/api/v1/admin/verify")).GetProperty("differences").EnumerateArray());
    }

    [Fact]
    public async Task Compare_by_force_tests_each_force_against_Wales_and_against_the_year_before()
    {
        await shared.SeedOnceAsync("confidence-2016-2017", SeedForcesAsync);
        var body = await Http.GetJson($"/api/v1/indicators/{Indicator}/compare?kind=force&from=2017-01-01&to=2017-12-31");
        var rows = body.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("footprint").GetString()!);
        Assert.Equal(5, rows.Count);
        var wales = rows["nation:wales"];
        Assert.True(wales.GetProperty("isBenchmark").GetBoolean());
        // wales 2017: n=410 percent=50.7317073171 ci95=[45.9081551118, 55.5416754625]
        AssertFigure(wales, 410, 208, 410, 50.7317073171, 410, 45.9081551118, 55.5416754625);

        var north = rows["force:north-wales"];
        // north wales 2017: percent=50 ci95=[43.1360859073, 56.8639140927]; 2016: 39; z=2.21343201924 -> increase
        AssertFigure(north, 200, 100, 200, 50, 200, 43.1360859073, 56.8639140927);
        Assert.Equal("similar", north.GetProperty("comparison").GetString());
        var change = north.GetProperty("change");
        // The period of the same length just before: 365 days back from 2017-01-01 is 2016-01-02 (2016 is a leap year).
        Assert.Equal("2016-01-02", change.GetProperty("previousFrom").GetString());
        Assert.Equal("2016-12-31", change.GetProperty("previousTo").GetString());
        AssertClose(39, change.GetProperty("previousPercent").GetDouble());
        Assert.Equal("increase", change.GetProperty("direction").GetString());
        AssertClose(2.21343201924, change.GetProperty("z").GetDouble());

        // gwent 2017: 52, ci95=[45.1037850191, 58.8208336742]; 2016: 50; z=0.400080024008 -> no-significant-change
        var gwent = rows["force:gwent"];
        AssertFigure(gwent, 200, 104, 200, 52, 200, 45.1037850191, 58.8208336742);
        Assert.Equal("no-significant-change", gwent.GetProperty("change").GetProperty("direction").GetString());

        // South Wales has no response in 2017 (nor in 2016): nothing to compare or test.
        var south = rows["force:south-wales"];
        Assert.Equal(JsonValueKind.Null, south.GetProperty("percent").ValueKind);
        Assert.Equal("not-compared", south.GetProperty("comparison").GetString());
        Assert.Equal("not-tested", south.GetProperty("change").GetProperty("direction").GetString());
    }

    [Fact]
    public async Task The_public_comparison_withholds_figures_resting_on_fewer_than_fifty_responses()
    {
        await shared.SeedOnceAsync("confidence-2016-2017", SeedForcesAsync);
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress };
        var body = await anonymous.GetJson($"/api/v1/public/indicators/{Indicator}/compare?kind=force&from=2017-01-01&to=2017-12-31");
        Assert.Equal(50, body.GetProperty("minimumBase").GetInt32());
        Assert.Contains("fewer than 50 responses", body.GetProperty("disclosureControl").GetString());
        var rows = body.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("footprint").GetString()!);
        var powys = rows["force:dyfed-powys"];
        Assert.True(powys.GetProperty("withheld").GetBoolean());
        Assert.Equal(10, powys.GetProperty("unweightedBase").GetInt64());
        Assert.Equal(JsonValueKind.Null, powys.GetProperty("percent").ValueKind);
        Assert.Equal(JsonValueKind.Null, powys.GetProperty("ci95").ValueKind);
        Assert.Equal(JsonValueKind.Null, powys.GetProperty("comparison").ValueKind);
        var north = rows["force:north-wales"];
        Assert.False(north.GetProperty("withheld").GetBoolean());
        AssertClose(50, north.GetProperty("percent").GetDouble());
        Assert.Equal("increase", north.GetProperty("change").GetString());
        Assert.All(rows.Values, r => Assert.False(r.TryGetProperty("numerator", out _), "weighted sums are never published"));

        var figure = await anonymous.GetJson($"/api/v1/public/indicators/{Indicator}/footprints/la:powys?from=2017-01-01&to=2017-12-31");
        Assert.True(figure.GetProperty("rows")[0].GetProperty("withheld").GetBoolean());
        // The partner route is not anonymous.
        using var response = await anonymous.GetAsync($"/api/v1/indicators/{Indicator}/footprints/la:powys");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Progress_follows_the_trajectory_through_the_baseline_and_milestones()
    {
        await shared.SeedOnceAsync("confidence-2016-2017", SeedForcesAsync);
        using var put = await Http.PutAsync($"/api/v1/indicators/{Indicator}/targets/force:north-wales", new StringContent("""
            {"baseline": {"from": "2015-10-01", "to": "2016-09-30", "percent": 39},
             "milestones": [{"date": "2017-03-31", "percent": 52}, {"date": "2018-03-31", "percent": 57}]}
            """, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var progress = await Http.GetJson($"/api/v1/indicators/{Indicator}/targets/force:north-wales/progress?asOf=2017-12-31");
        var latest = progress.GetProperty("latest");
        Assert.Equal("2017-01-01", latest.GetProperty("from").GetString());
        Assert.Equal("2017-12-31", latest.GetProperty("to").GetString());
        AssertClose(50, latest.GetProperty("percent").GetDouble());
        Assert.Equal(200, latest.GetProperty("unweightedBase").GetInt64());
        // trajectory 2017-12-31: 55.7671232877
        AssertClose(55.7671232877, progress.GetProperty("trajectory").GetDouble());
        Assert.Equal(57, progress.GetProperty("target").GetDouble());
        Assert.Equal("off-track", progress.GetProperty("status").GetString());

        // Before the first milestone the line starts from the baseline: on 2016-12-31, 39 + 13 × 92/182.
        var early = await Http.GetJson($"/api/v1/indicators/{Indicator}/targets/force:north-wales/progress?asOf=2016-12-31");
        AssertClose(39 + 13.0 * 92 / 182, early.GetProperty("trajectory").GetDouble());
        Assert.Equal("off-track", early.GetProperty("status").GetString()); // 39% in 2016 against 45.57

        await Http.GetJson($"/api/v1/indicators/{Indicator}/targets/la:cardiff/progress", HttpStatusCode.NotFound);
        await Http.GetJson($"/api/v1/indicators/{Indicator}/targets/force:north-wales/progress?asOf=2017-13-01", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_indicators_footprints_and_bad_dates_are_problems_not_errors()
    {
        await Http.GetJson("/api/v1/indicators/no-such-indicator/footprints/nation:wales", HttpStatusCode.NotFound);
        await Http.GetJson($"/api/v1/indicators/{Indicator}/footprints/la:nowhere", HttpStatusCode.NotFound);
        await Http.GetJson($"/api/v1/indicators/{Indicator}/footprints/nation:wales?from=2017-02-30", HttpStatusCode.BadRequest);
        await Http.GetJson($"/api/v1/indicators/{Indicator}/compare?kind=planet", HttpStatusCode.BadRequest);
        await Http.GetJson($"/api/v1/indicators/{Indicator}/compare?kind=force&benchmark=la:nowhere", HttpStatusCode.BadRequest);
        var list = await Http.GetJson("/api/v1/indicators");
        var indicator = Assert.Single(list.GetProperty("indicators").EnumerateArray());
        Assert.Equal(Indicator, indicator.GetProperty("id").GetString());
        Assert.Equal(Feed, indicator.GetProperty("feed").GetString());
    }

    [Fact]
    public async Task A_weight_that_is_not_a_positive_number_is_a_row_error_and_nothing_is_applied()
    {
        foreach (var weight in new[] { "0", "-1", "\"heavy\"", "1e400", "1001", "0.0000001" })
        {
            using var response = await Http.PostNdjson(Feed, Response("cw-bad", "2014-05-05", "W06000015", "tend-to-agree", weight) + "\n" +
                                                            Response("cw-good", "2014-05-05", "W06000015", "tend-to-agree"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
            Assert.Equal("weight", error.GetProperty("field").GetString());
        }
        using var group = await Http.PostNdjson(Feed, Response("cw-group", "2014-05-05", "W06000015", "agree"));
        Assert.Equal(HttpStatusCode.BadRequest, group.StatusCode);
        using var unweighted = await Http.PostNdjson("crime", Response("cw-crime", "2014-05-05", "W06000015", "robbery", "2"));
        Assert.Equal(HttpStatusCode.BadRequest, unweighted.StatusCode);
        Assert.Equal(0, (await Http.GetJson($"/api/v1/indicators/{Indicator}/footprints/la:cardiff?from=2014-01-01&to=2014-12-31")).GetProperty("unweightedBase").GetInt64());
    }

    private async Task SeedForcesAsync()
    {
        await Http.IngestNdjson(Feed, [
            .. Unweighted("cf-n16", "W06000001", 2016, 78, 200), .. Unweighted("cf-n17", "W06000001", 2017, 100, 200),
            .. Unweighted("cf-g16", "W06000022", 2016, 100, 200), .. Unweighted("cf-g17", "W06000022", 2017, 104, 200),
            .. Unweighted("cf-p17", "W06000023", 2017, 4, 10)]);
        await EventuallyFigure("nation:wales", "2017-01-01", "2017-12-31", 410);
        await EventuallyFigure("nation:wales", "2016-01-01", "2016-12-31", 400);
    }
}
