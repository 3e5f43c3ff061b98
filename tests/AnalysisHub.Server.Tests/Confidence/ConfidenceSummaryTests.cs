using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests.Confidence;

/// <summary>
/// The survey indicators in the bulletin and the monthly confidence summary, through the real server: responses of
/// 2010–2012 (years no other test uses) in Cwm Taf — Rhondda Cynon Taf weighted, Merthyr Tydfil unweighted and under the
/// public minimum base — with a target and published figures for Cwm Taf. Every figure is checked against the indicator
/// routes for the same period; the expected values quoted in comments were computed independently with exact fractions by
/// <c>summary_expected_values.py</c> beside this file.
/// </summary>
[Collection(SharedHubCollection.Name)]
public sealed class ConfidenceSummaryTests(SharedHub shared)
{
    private const string Indicator = "police-and-council-dealing-with-issues";
    private const string Feed = "confidence-survey";
    private const string Rhondda = "W06000016";
    private const string Merthyr = "W06000024";
    private const string Summary = "/api/v1/footprints/csp:cwm-taf/confidence-summary?month=2012-06";
    private const string PublicSummary = "/api/v1/public/footprints/csp:cwm-taf/confidence-summary?month=2012-06";
    private HttpClient Http => shared.Http;

    private static string Response(string id, DateOnly day, string area, string answer, string? weight = null)
    {
        var fields = new Dictionary<string, object> { ["id"] = id, ["occurredAt"] = day.ToString("yyyy-MM-dd"), ["precision"] = "day", ["area"] = area, ["category"] = answer };
        if (weight is not null) fields["weight"] = JsonDocument.Parse(weight).RootElement;
        return JsonSerializer.Serialize(fields);
    }

    private Task SeedOnce() => shared.SeedOnceAsync(nameof(ConfidenceSummaryTests), async () =>
    {
        // 12 months to 2012-06-30 (2011-07-01…2012-06-30): Rhondda Cynon Taf 60 responses weighing 0.5, 0.75, 1 and 1.25 in
        // turn, three in five agreeing; Merthyr Tydfil 20 unweighted, 13 agreeing. The 366 days before (2010-06-30…2011-06-30):
        // 50 and 10 unweighted, 20 and 4 agreeing.
        var weights = new[] { "0.5", "0.75", "1", "1.25" };
        await Http.IngestNdjson(Feed, [
            .. Enumerable.Range(0, 60).Select(i => Response($"cs-r-{i}", new DateOnly(2011, 7, 1).AddDays(5 * i), Rhondda,
                (i % 5) switch { < 3 => i % 2 == 0 ? "strongly-agree" : "tend-to-agree", 3 => "tend-to-disagree", _ => "dont-know" }, weights[i % 4])),
            .. Enumerable.Range(0, 20).Select(i => Response($"cs-m-{i}", new DateOnly(2011, 8, 1).AddDays(10 * i), Merthyr,
                i < 13 ? "tend-to-agree" : "tend-to-disagree")),
            .. Enumerable.Range(0, 50).Select(i => Response($"cs-rb-{i}", new DateOnly(2010, 7, 1).AddDays(7 * i), Rhondda,
                i < 20 ? "tend-to-agree" : "tend-to-disagree")),
            .. Enumerable.Range(0, 10).Select(i => Response($"cs-mb-{i}", new DateOnly(2010, 8, 1).AddDays(14 * i), Merthyr,
                i < 4 ? "tend-to-agree" : "tend-to-disagree"))]);
        using var target = await Http.PutAsync($"/api/v1/indicators/{Indicator}/targets/csp:cwm-taf", new StringContent("""
            {"baseline": {"from": "2010-07-01", "to": "2011-06-30", "percent": 40},
             "milestones": [{"date": "2012-06-30", "percent": 55}, {"date": "2013-06-30", "percent": 65}]}
            """, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, target.StatusCode);
        // One figure inside the 12 months, one overlapping them on too few respondents for the public, one long before.
        using var published = await Http.PostAsync($"/api/v1/indicators/{Indicator}/published", new StringContent(string.Join('\n',
            """{"footprint":"csp:cwm-taf","from":"2011-04-01","to":"2012-03-31","percent":47.5,"unweightedBase":300,"source":"summary-test survey"}""",
            """{"footprint":"csp:cwm-taf","from":"2012-04-01","to":"2013-03-31","percent":52,"unweightedBase":30,"source":"summary-test panel"}""",
            """{"footprint":"csp:cwm-taf","from":"2008-04-01","to":"2009-03-31","percent":30,"unweightedBase":300,"source":"summary-test survey"}"""),
            Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        await EventuallyBase("csp:cwm-taf", "2011-07-01", "2012-06-30", 80);
        await EventuallyBase("csp:cwm-taf", "2010-06-30", "2011-06-30", 60);
    });

    private async Task EventuallyBase(string footprint, string from, string to, long expected)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var body = await Http.GetJson($"/api/v1/indicators/{Indicator}/footprints/{footprint}?from={from}&to={to}");
            if (body.GetProperty("unweightedBase").GetInt64() == expected) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{footprint} did not reach {expected} responses from {from} to {to}");
    }

    /// <summary>Agreement to 6 significant figures.</summary>
    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 5e-7 * Math.Abs(expected), $"expected {expected:G9}, got {actual:G9}");

    /// <summary>The figure fields a summary or bulletin row shares with the indicator route's row, equal to it.</summary>
    private static void AssertSameFigure(JsonElement route, JsonElement shown)
    {
        foreach (var name in new[] { "percent", "unweightedBase", "effectiveBase" })
            Assert.Equal(route.GetProperty(name).GetDouble(), shown.GetProperty(name).GetDouble());
        Assert.Equal(route.GetProperty("ci95")[0].GetDouble(), shown.GetProperty("ci95")[0].GetDouble());
        Assert.Equal(route.GetProperty("ci95")[1].GetDouble(), shown.GetProperty("ci95")[1].GetDouble());
    }

    private async Task<Dictionary<string, JsonElement>> CompareRows(string kind, string from, string to)
    {
        var body = await Http.GetJson($"/api/v1/indicators/{Indicator}/compare?kind={kind}&from={from}&to={to}");
        return body.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("footprint").GetString()!);
    }

    [Fact]
    public async Task The_summary_gives_the_footprint_its_members_Wales_a_target_and_published_figures_as_the_indicator_routes_do()
    {
        await SeedOnce();
        var body = await Http.GetJson(Summary);
        Assert.Equal("2012-06", body.GetProperty("month").GetString());
        Assert.Equal("2011-07-01", body.GetProperty("from").GetString());
        Assert.Equal("2012-06-30", body.GetProperty("to").GetString());
        var indicator = Assert.Single(body.GetProperty("indicators").EnumerateArray());
        Assert.Equal(Indicator, indicator.GetProperty("indicator").GetString());

        var csps = await CompareRows("csp", "2011-07-01", "2012-06-30");
        var figure = indicator.GetProperty("figure");
        AssertSameFigure(csps["csp:cwm-taf"], figure);
        Assert.Equal(csps["csp:cwm-taf"].GetProperty("comparison").GetString(), figure.GetProperty("comparison").GetString());
        Assert.Equal(csps["csp:cwm-taf"].GetProperty("change").GetProperty("z").GetDouble(), figure.GetProperty("change").GetProperty("z").GetDouble());
        AssertSameFigure(csps["nation:wales"], indicator.GetProperty("wales"));
        // cwm taf: n=80 numerator=44.5 denominator=72.5 percent=61.3793103448 n_eff=74.4247787611 ci95=[50.0198084442, 71.6217749608]
        Assert.Equal(80, figure.GetProperty("unweightedBase").GetInt64());
        Assert.Equal(44.5, figure.GetProperty("numerator").GetDouble(), 9);
        Assert.Equal(72.5, figure.GetProperty("denominator").GetDouble(), 9);
        AssertClose(61.3793103448, figure.GetProperty("percent").GetDouble());
        AssertClose(74.4247787611, figure.GetProperty("effectiveBase").GetDouble());
        AssertClose(50.0198084442, figure.GetProperty("ci95")[0].GetDouble());
        AssertClose(71.6217749608, figure.GetProperty("ci95")[1].GetDouble());
        // cwm taf before: n=60 percent=40; cwm taf vs before: z=2.46610547851 -> increase
        var change = figure.GetProperty("change");
        Assert.Equal("2010-06-30", change.GetProperty("previousFrom").GetString());
        Assert.Equal("2011-06-30", change.GetProperty("previousTo").GetString());
        AssertClose(40, change.GetProperty("previousPercent").GetDouble());
        Assert.Equal("increase", change.GetProperty("direction").GetString());
        AssertClose(2.46610547851, change.GetProperty("z").GetDouble());
        // No other test has responses in these years, so Wales is Cwm Taf and the comparison is "similar".
        Assert.Equal("similar", figure.GetProperty("comparison").GetString());

        var members = indicator.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("footprint").GetString()!);
        Assert.Equal(["la:merthyr-tydfil", "la:rhondda-cynon-taf"], members.Keys.Order());
        var las = await CompareRows("la", "2011-07-01", "2012-06-30");
        foreach (var (id, member) in members) AssertSameFigure(las[id], member);
        // rhondda cynon taf: percent=60 n_eff=54.4444444444 ci95=[46.7468193254, 71.9350372944]; merthyr tydfil: percent=65 ci95=[43.2854275068, 81.8808176876]
        AssertClose(60, members["la:rhondda-cynon-taf"].GetProperty("percent").GetDouble());
        AssertClose(46.7468193254, members["la:rhondda-cynon-taf"].GetProperty("ci95")[0].GetDouble());
        AssertClose(65, members["la:merthyr-tydfil"].GetProperty("percent").GetDouble());

        var target = indicator.GetProperty("target");
        var progress = await Http.GetJson($"/api/v1/indicators/{Indicator}/targets/csp:cwm-taf/progress?asOf=2012-06-30");
        Assert.Equal(progress.GetProperty("trajectory").GetDouble(), target.GetProperty("trajectory").GetDouble());
        Assert.Equal(55, target.GetProperty("trajectory").GetDouble()); // the first milestone's day
        Assert.Equal(65, target.GetProperty("target").GetDouble());
        Assert.Equal(progress.GetProperty("status").GetString(), target.GetProperty("status").GetString());
        Assert.Equal("on-track", target.GetProperty("status").GetString()); // 61.38 ≥ 55, short of 65

        var published = indicator.GetProperty("published").EnumerateArray().Select(p => p.GetProperty("source").GetString()).Order().ToList();
        Assert.Equal(["summary-test panel", "summary-test survey"], published);
    }

    [Fact]
    public async Task The_public_summary_withholds_a_member_resting_on_fewer_than_fifty_responses_and_the_member_that_would_give_it_back()
    {
        await SeedOnce();
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress };
        var body = await anonymous.GetJson(PublicSummary);
        Assert.Equal(50, body.GetProperty("minimumBase").GetInt32());
        Assert.Contains("fewer than 50 responses", body.GetProperty("disclosureControl").GetString());
        var indicator = Assert.Single(body.GetProperty("indicators").EnumerateArray());
        var figure = indicator.GetProperty("figure");
        Assert.False(figure.GetProperty("withheld").GetBoolean());
        AssertClose(61.3793103448, figure.GetProperty("percent").GetDouble());
        Assert.Equal("increase", figure.GetProperty("change").GetProperty("direction").GetString());
        Assert.Equal(JsonValueKind.Null, figure.GetProperty("numerator").ValueKind);
        Assert.Equal(JsonValueKind.Null, figure.GetProperty("effectiveBase").ValueKind);

        var members = indicator.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("footprint").GetString()!);
        var merthyr = members["la:merthyr-tydfil"];
        Assert.True(merthyr.GetProperty("withheld").GetBoolean());
        Assert.Equal(20, merthyr.GetProperty("unweightedBase").GetInt64());
        Assert.Equal(JsonValueKind.Null, merthyr.GetProperty("percent").ValueKind);
        Assert.Equal(JsonValueKind.Null, merthyr.GetProperty("ci95").ValueKind);
        Assert.Equal(JsonValueKind.Null, merthyr.GetProperty("comparison").ValueKind);
        Assert.True(merthyr.GetProperty("change").GetProperty("previousWithheld").GetBoolean());
        // Rhondda Cynon Taf's 60 responses are enough on their own, but beside Cwm Taf's 80 its figure would give Merthyr
        // Tydfil's back: it is withheld too, in both periods (50 responses before, beside Merthyr Tydfil's 10).
        var rhondda = members["la:rhondda-cynon-taf"];
        Assert.True(rhondda.GetProperty("withheld").GetBoolean());
        Assert.Equal(60, rhondda.GetProperty("unweightedBase").GetInt64());
        Assert.Equal(JsonValueKind.Null, rhondda.GetProperty("percent").ValueKind);
        Assert.True(rhondda.GetProperty("change").GetProperty("previousWithheld").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rhondda.GetProperty("change").GetProperty("previousPercent").ValueKind);

        // The panel's 30 respondents are too few to repeat in public.
        Assert.Equal("summary-test survey", Assert.Single(indicator.GetProperty("published").EnumerateArray()).GetProperty("source").GetString());
        Assert.Equal("on-track", indicator.GetProperty("target").GetProperty("status").GetString());

        var csv = await anonymous.GetStringAsync(PublicSummary + "&format=csv");
        Assert.Equal("", CsvRow(csv, "figure", "la:merthyr-tydfil")["percent"]);
        Assert.Equal("true", CsvRow(csv, "figure", "la:merthyr-tydfil")["withheld"]);
        Assert.Equal("", CsvRow(csv, "figure", "csp:cwm-taf")["numerator"]);
        using var partnerOnly = await anonymous.GetAsync(Summary);
        Assert.Equal(HttpStatusCode.Unauthorized, partnerOnly.StatusCode);
    }

    private static Dictionary<string, string> CsvRow(string csv, string section, string area)
    {
        var table = BulletinTests.ParseCsv(csv);
        var header = table[0];
        Assert.All(table, r => Assert.Equal(header.Length, r.Length));
        return table.Skip(1).Select(r => header.Zip(r).ToDictionary(c => c.First, c => c.Second))
            .Single(r => r["section"] == section && r["area"] == area);
    }

    [Fact]
    public async Task The_summary_as_csv_and_html_carries_the_figures()
    {
        await SeedOnce();
        var json = Assert.Single((await Http.GetJson(Summary)).GetProperty("indicators").EnumerateArray());
        using var byFormat = await Http.GetAsync(Summary + "&format=csv");
        Assert.Equal("text/csv", byFormat.Content.Headers.ContentType?.MediaType);
        var csv = await byFormat.Content.ReadAsStringAsync();
        var row = CsvRow(csv, "figure", "csp:cwm-taf");
        Assert.Equal(json.GetProperty("figure").GetProperty("percent").GetDouble(), double.Parse(row["percent"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("80", row["unweightedBase"]);
        Assert.Equal("increase", row["change"]);
        Assert.Equal("65", CsvRow(csv, "figure", "la:merthyr-tydfil")["percent"]);
        var table = BulletinTests.ParseCsv(csv);
        var status = Array.IndexOf(table[0], "targetStatus");
        Assert.Contains(table, r => r[0] == "target" && r[status] == "on-track");
        Assert.Contains(table, r => r[0] == "published");

        using var request = new HttpRequestMessage(HttpMethod.Get, Summary);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var byAccept = await Http.SendAsync(request);
        Assert.Equal("text/html", byAccept.Content.Headers.ContentType?.MediaType);
        var html = await byAccept.Content.ReadAsStringAsync();
        Assert.Contains("Monthly confidence summary: Cwm Taf", html);
        Assert.Contains("<td>61.38</td>", html);
        Assert.Contains("<td>Merthyr Tydfil (member)</td><td>65</td>", html);
        Assert.Contains("on-track", html);

        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress };
        var publicHtml = await anonymous.GetStringAsync(PublicSummary + "&format=html");
        Assert.Contains("<td>Merthyr Tydfil (member)</td><td>withheld</td>", publicHtml);
    }

    [Fact]
    public async Task The_bulletin_carries_each_indicator_for_the_12_months_ending_with_its_period()
    {
        await SeedOnce();
        var monthly = Assert.Single((await Http.GetJson("/api/v1/footprints/csp:cwm-taf/bulletin?month=2012-06")).GetProperty("confidence").EnumerateArray());
        var csps = await CompareRows("csp", "2011-07-01", "2012-06-30");
        Assert.Equal(Indicator, monthly.GetProperty("indicator").GetString());
        Assert.Equal("2011-07-01", monthly.GetProperty("from").GetString());
        Assert.Equal("2012-06-30", monthly.GetProperty("to").GetString());
        AssertSameFigure(csps["csp:cwm-taf"], monthly);
        AssertClose(61.3793103448, monthly.GetProperty("percent").GetDouble()); // as summary_expected_values.py gives
        Assert.Equal("similar", monthly.GetProperty("comparison").GetString());
        Assert.Equal("increase", monthly.GetProperty("change").GetProperty("direction").GetString());
        Assert.Equal("on-track", monthly.GetProperty("target").GetProperty("status").GetString());
        Assert.Equal(55, monthly.GetProperty("target").GetProperty("trajectory").GetDouble());

        // The week 2012-W27 ends on Sunday 8 July: its 12 months start on 9 July 2011, leaving out two responses.
        var weekly = Assert.Single((await Http.GetJson("/api/v1/footprints/csp:cwm-taf/bulletin?week=2012-W27")).GetProperty("confidence").EnumerateArray());
        Assert.Equal("2011-07-09", weekly.GetProperty("from").GetString());
        var week = await Http.GetJson($"/api/v1/indicators/{Indicator}/footprints/csp:cwm-taf?from=2011-07-09&to=2012-07-08");
        AssertSameFigure(week, weekly);
        Assert.Equal(78, weekly.GetProperty("unweightedBase").GetInt64());

        var csv = BulletinTests.ParseCsv(await Http.GetStringAsync("/api/v1/footprints/csp:cwm-taf/bulletin?month=2012-06&format=csv"));
        var rows = csv.Skip(1).Select(r => csv[0].Zip(r).ToDictionary(c => c.First, c => c.Second)).ToList();
        var row = Assert.Single(rows, r => r["section"] == "confidence");
        Assert.Equal(monthly.GetProperty("percent").GetDouble(), double.Parse(row["percent"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("80", row["unweightedBase"]);
        Assert.Equal("on-track", row["targetStatus"]);
        var html = await Http.GetStringAsync("/api/v1/footprints/csp:cwm-taf/bulletin?month=2012-06&format=html");
        Assert.Contains("Survey indicators (12 months)", html);
        Assert.Contains("<td>61.38</td>", html);
    }

    [Fact]
    public async Task The_public_bulletin_withholds_an_indicator_resting_on_fewer_than_fifty_responses()
    {
        await SeedOnce();
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress };
        var body = await anonymous.GetJson("/api/v1/public/footprints/la:merthyr-tydfil/bulletin?month=2012-06");
        var merthyr = Assert.Single(body.GetProperty("confidence").EnumerateArray());
        Assert.True(merthyr.GetProperty("withheld").GetBoolean());
        Assert.Equal(20, merthyr.GetProperty("unweightedBase").GetInt64());
        Assert.Equal(JsonValueKind.Null, merthyr.GetProperty("percent").ValueKind);
        Assert.Equal(JsonValueKind.Null, merthyr.GetProperty("ci95").ValueKind);
        Assert.Equal(JsonValueKind.Null, merthyr.GetProperty("comparison").ValueKind);
        Assert.Contains(body.GetProperty("footnotes").EnumerateArray(), f => f.GetString()!.Contains("fewer than 50 responses", StringComparison.Ordinal));
        var html = await anonymous.GetStringAsync("/api/v1/public/footprints/la:merthyr-tydfil/bulletin?month=2012-06&format=html");
        Assert.Contains("<td>withheld</td>", html);

        var cwmTaf = Assert.Single((await anonymous.GetJson("/api/v1/public/footprints/csp:cwm-taf/bulletin?month=2012-06")).GetProperty("confidence").EnumerateArray());
        Assert.False(cwmTaf.GetProperty("withheld").GetBoolean());
        AssertClose(61.3793103448, cwmTaf.GetProperty("percent").GetDouble());
        Assert.Equal(JsonValueKind.Null, cwmTaf.GetProperty("effectiveBase").ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/footprints/csp:cwm-taf/confidence-summary?month=2012-13", HttpStatusCode.BadRequest, "month")]
    [InlineData("/api/v1/footprints/csp:cwm-taf/confidence-summary?month=2012-W27", HttpStatusCode.BadRequest, "month")]
    [InlineData("/api/v1/footprints/csp:cwm-taf/confidence-summary?month=2012-06&format=pdf", HttpStatusCode.BadRequest, "format")]
    [InlineData("/api/v1/footprints/csp:nowhere/confidence-summary?month=2012-06", HttpStatusCode.NotFound, "csp:nowhere")]
    [InlineData("/api/v1/footprints/csp:cwm-taf/confidence-summary?month=2012-06&indicator=no-such", HttpStatusCode.NotFound, "no-such")]
    [InlineData("/api/v1/public/footprints/csp:cwm-taf/confidence-summary?month=12-2012", HttpStatusCode.BadRequest, "month")]
    [InlineData("/api/v1/public/footprints/la:nowhere/confidence-summary", HttpStatusCode.NotFound, "la:nowhere")]
    public async Task Bad_input_is_a_problem_naming_it(string path, HttpStatusCode status, string named)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_month_the_summary_is_of_the_last_complete_month()
    {
        var body = await Http.GetJson($"/api/v1/footprints/la:merthyr-tydfil/confidence-summary?indicator={Indicator}");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var thisMonthStart = new DateOnly(today.Year, today.Month, 1);
        // The month is London's: late on a month's last day (UTC) London may already be in the next one.
        Assert.Contains(body.GetProperty("to").GetString(),
            new[] { thisMonthStart.AddDays(-1).ToString("yyyy-MM-dd"), thisMonthStart.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd") });
        Assert.Equal(Indicator, Assert.Single(body.GetProperty("indicators").EnumerateArray()).GetProperty("indicator").GetString());
    }
}
