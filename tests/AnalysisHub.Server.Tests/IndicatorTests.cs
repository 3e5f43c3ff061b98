using System.Net;
using System.Text;
using System.Text.Json;
using AnalysisHub.Server.Tests.Access;

namespace AnalysisHub.Server.Tests;

/// <summary>
/// Targets and published figures of the public-confidence indicator through the real server (issue 15): stored and
/// read back, every bad field or row named in a 400, 404s for unknown indicators and footprints, and who may write.
/// Runs on the access hub, which has the keys.
/// </summary>
[Collection(AccessHubCollection.Name)]
public sealed class IndicatorTests(AccessHub shared)
{
    private const string Indicator = "/api/v1/indicators/police-and-council-dealing-with-issues";

    private const string Gwent = """
        {"baseline":{"from":"2007-10-01","to":"2008-09-30","percent":39},"milestones":[{"date":"2011-03-31","percent":52.0},{"date":"2012-03-31","percent":57.0}]}
        """;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static StringContent Body(string body, string mediaType) => new(body, Encoding.UTF8, mediaType);

    private static async Task<JsonElement> Read(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_target_put_is_read_back_and_listed_and_a_second_put_replaces_it()
    {
        var put = await Read(await shared.Admin.PutAsync(Indicator + "/targets/force:dyfed-powys", Json(Gwent.Replace("39", "44"))), HttpStatusCode.OK);
        Assert.Equal(44, put.GetProperty("baseline").GetProperty("percent").GetDouble());
        Assert.Equal("2007-10-01", put.GetProperty("baseline").GetProperty("from").GetString());

        await Read(await shared.Admin.PutAsync(Indicator + "/targets/force:dyfed-powys", Json("""
            {"baseline":{"from":"2007-10-01","to":"2008-09-30","percent":44},"milestones":[{"date":"2011-03-31","percent":51.8},{"date":"2012-03-31","percent":56.7}]}
            """)), HttpStatusCode.OK);
        var got = await Read(await shared.Admin.GetAsync(Indicator + "/targets/force:dyfed-powys"), HttpStatusCode.OK);
        Assert.Equal("force:dyfed-powys", got.GetProperty("footprint").GetString());
        Assert.Equal([("2011-03-31", 51.8), ("2012-03-31", 56.7)],
            got.GetProperty("milestones").EnumerateArray().Select(m => (m.GetProperty("date").GetString(), m.GetProperty("percent").GetDouble())));

        var list = await Read(await shared.Admin.GetAsync(Indicator + "/targets"), HttpStatusCode.OK);
        Assert.Contains("force:dyfed-powys", list.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("footprint").GetString()));
    }

    [Fact]
    public async Task A_bad_target_is_refused_with_every_bad_field_named()
    {
        var problem = await Read(await shared.Admin.PutAsync(Indicator + "/targets/force:gwent", Json("""
            {"baseline":{"from":"2008-10-01","to":"2008-09-30","percent":139},"milestones":[{"date":"2008-09-30","percent":52},{"date":"2008-09-01","percent":-1}],"extra":1}
            """)), HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order().ToList();
        Assert.Equal(["baseline.percent", "baseline.to", "extra", "milestones[0].date", "milestones[1].date", "milestones[1].percent"], fields);

        await Read(await shared.Admin.PutAsync(Indicator + "/targets/force:gwent", Json("""{"baseline":{"from":"2007-10-01","to":"2008-09-30","percent":39},"milestones":[]}""")), HttpStatusCode.BadRequest);
        await Read(await shared.Admin.PutAsync(Indicator + "/targets/force:gwent", Json("")), HttpStatusCode.BadRequest);
        await Read(await shared.Admin.PutAsync(Indicator + "/targets/force:gwent", Json("[1,")), HttpStatusCode.BadRequest);
        await Read(await shared.Admin.PutAsync(Indicator + "/targets/force:gwent", Body(Gwent, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await Read(await shared.Admin.PutAsync(Indicator + "/targets/force:gwent", Json(new string(' ', 70_000) + Gwent)), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Unknown_indicators_footprints_and_targets_are_404()
    {
        Assert.Equal("https://analysishub.example/problems/indicator-not-found",
            (await Read(await shared.Admin.GetAsync("/api/v1/indicators/no-such-indicator/targets"), HttpStatusCode.NotFound)).GetProperty("type").GetString());
        await Read(await shared.Admin.PutAsync("/api/v1/indicators/NOT_A_SLUG/targets/force:gwent", Json(Gwent)), HttpStatusCode.NotFound);
        await Read(await shared.Admin.PutAsync(Indicator + "/targets/force:atlantis", Json(Gwent)), HttpStatusCode.NotFound);
        await Read(await shared.Admin.GetAsync(Indicator + "/targets/la:ceredigion"), HttpStatusCode.NotFound);
        await Read(await shared.Admin.GetAsync(Indicator + "/published?footprint=force:atlantis"), HttpStatusCode.NotFound);
        await Read(await shared.Admin.PostAsync("/api/v1/indicators/no-such-indicator/published", Body("", "text/csv")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_indicator_manager_writes_a_partner_reads_and_neither_reaches_the_other_side()
    {
        var (_, manager) = await shared.CreateKeyAsync("indicators: manager", ["manage:indicators"]);
        var (_, partner) = await shared.CreateKeyAsync("indicators: analyst", ["read:partner"]);

        await Read(await shared.Client(manager).PutAsync(Indicator + "/targets/force:south-wales", Json(Gwent)), HttpStatusCode.OK);
        await Read(await shared.Client(partner).GetAsync(Indicator + "/targets/force:south-wales"), HttpStatusCode.OK);
        await Read(await shared.Client(partner).PutAsync(Indicator + "/targets/force:south-wales", Json(Gwent)), HttpStatusCode.Forbidden);
        await Read(await shared.Client(partner).PostAsync(Indicator + "/published", Body("", "text/csv")), HttpStatusCode.Forbidden);
        await Read(await shared.Client(null).PutAsync(Indicator + "/targets/force:south-wales", Json(Gwent)), HttpStatusCode.Unauthorized);
        await Read(await shared.Client(null).GetAsync(Indicator + "/targets"), HttpStatusCode.Unauthorized);
        await Read(await shared.Client(manager).GetAsync("/api/v1/admin/keys"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Published_figures_posted_as_ndjson_and_csv_are_listed_by_footprint_and_a_repost_replaces()
    {
        const string source = "Crime Survey for England and Wales (server test)";
        var ndjson = $$"""
            {"footprint":"force:north-wales","from":"2008-10-01","to":"2009-09-30","percent":49,"unweightedBase":990,"source":"{{source}}"}
            {"footprint":"W15000004","from":"2008-10-01","to":"2009-09-30","percent":48,"unweightedBase":995,"source":"{{source}}","note":"the force's own code"}
            """;
        var counts = await Read(await shared.Admin.PostAsync(Indicator + "/published", Body(ndjson, "application/x-ndjson")), HttpStatusCode.OK);
        Assert.Equal(2, counts.GetProperty("stored").GetInt32());
        Assert.Equal(0, counts.GetProperty("replaced").GetInt32());

        var csv = $"Footprint,from,to,percent,unweightedBase,source,note\r\nforce:north-wales,2008-10-01,2009-09-30,49.5,991,{source},revised\r\nforce:north-wales,2007-10-01,2008-09-30,45,980,{source},\r\n";
        counts = await Read(await shared.Admin.PostAsync(Indicator + "/published", Body(csv, "text/csv")), HttpStatusCode.OK);
        Assert.Equal((2, 1), (counts.GetProperty("stored").GetInt32(), counts.GetProperty("replaced").GetInt32()));

        var north = (await Read(await shared.Admin.GetAsync(Indicator + "/published?footprint=force:north-wales"), HttpStatusCode.OK)).GetProperty("published");
        Assert.Equal([("2008-09-30", 45.0, 980L, (string?)null), ("2009-09-30", 49.5, 991L, "revised")],
            north.EnumerateArray().Select(f => (f.GetProperty("to").GetString(), f.GetProperty("percent").GetDouble(), f.GetProperty("unweightedBase").GetInt64(),
                f.GetProperty("note").GetString())));
        var all = (await Read(await shared.Admin.GetAsync(Indicator + "/published"), HttpStatusCode.OK)).GetProperty("published").EnumerateArray()
            .Select(f => f.GetProperty("footprint").GetString()).ToList();
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Contains("force:dyfed-powys", all); // W15000004, stored by its id
    }

    [Fact]
    public async Task A_body_with_bad_rows_is_refused_whole_with_each_row_and_field_named()
    {
        var body = """
            {"footprint":"force:gwent","from":"2008-10-01","to":"2009-09-30","percent":45,"unweightedBase":830,"source":"all or nothing"}
            {"footprint":"force:atlantis","from":"2008-10-01","to":"2009-09-30","percent":101,"unweightedBase":0,"source":""}
            {"footprint":"force:gwent","from":"2009-10-01","to":"2009-09-30","percent":45,"unweightedBase":830,"source":"all or nothing","colour":"red"}
            """;
        var problem = await Read(await shared.Admin.PostAsync(Indicator + "/published", Body(body, "application/x-ndjson")), HttpStatusCode.BadRequest);
        Assert.Equal([(2, "footprint"), (2, "percent"), (2, "source"), (2, "unweightedBase"), (3, "colour"), (3, "to")],
            problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).Order());
        var stored = (await Read(await shared.Admin.GetAsync(Indicator + "/published?footprint=force:gwent"), HttpStatusCode.OK)).GetProperty("published");
        Assert.DoesNotContain("all or nothing", stored.EnumerateArray().Select(f => f.GetProperty("source").GetString()));

        await Read(await shared.Admin.PostAsync(Indicator + "/published", Body("", "application/x-ndjson")), HttpStatusCode.BadRequest);
        await Read(await shared.Admin.PostAsync(Indicator + "/published", Body("footprint,from\r\n", "text/csv")), HttpStatusCode.BadRequest);
        await Read(await shared.Admin.PostAsync(Indicator + "/published", Json("{}")), HttpStatusCode.UnsupportedMediaType);
        await Read(await shared.Admin.PostAsync(Indicator + "/published", Body(new string('\n', 9 * 1024 * 1024), "application/x-ndjson")), HttpStatusCode.RequestEntityTooLarge);
        await Read(await shared.Admin.PostAsync(Indicator + "/published", Body("\"unclosed,from\r\n", "text/csv")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_target_and_figures_acknowledged_the_instant_before_kill_9_are_not_lost()
    {
        await using var hub = new HubProcess();
        await hub.StartAsync();
        await Read(await hub.Http.PutAsync(Indicator + "/targets/force:gwent", Json(Gwent)), HttpStatusCode.OK);
        await Read(await hub.Http.PostAsync(Indicator + "/published", Body(
            """{"footprint":"force:gwent","from":"2008-10-01","to":"2009-09-30","percent":45,"unweightedBase":830,"source":"CSEW"}""", "application/x-ndjson")), HttpStatusCode.OK);
        await hub.KillAsync(); // SIGKILL straight after the 200s

        await hub.StartAsync();
        var target = await Read(await hub.Http.GetAsync(Indicator + "/targets/force:gwent"), HttpStatusCode.OK);
        Assert.Equal(57.0, target.GetProperty("milestones")[1].GetProperty("percent").GetDouble());
        var figure = Assert.Single((await Read(await hub.Http.GetAsync(Indicator + "/published"), HttpStatusCode.OK)).GetProperty("published").EnumerateArray());
        Assert.Equal(830, figure.GetProperty("unweightedBase").GetInt64());
    }
}
