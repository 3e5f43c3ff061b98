using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>The weekly bulletin through the real server (records of 2011–2012 in Cwm Taf, used by no other test).</summary>
[Collection(SharedHubCollection.Name)]
public sealed class BulletinTests(SharedHub shared)
{
    private HttpClient Http => shared.Http;

    private const string Path = "/api/v1/footprints/csp:cwm-taf/bulletin?week=2012-W27";

    /// <summary>
    /// 2012-W27 is Monday 2 July to Sunday 8 July 2012. Police violence: 6 in Rhondda Cynon Taf and 3 in Merthyr Tydfil
    /// that week; 2, 4, 1 and 5 in the four weeks before (mean 3); 4 in 2011-W27 (the week holding 2012-07-02 − 364 days);
    /// and 2 records known only to July 2012. ED assaults: 2 in Merthyr Tydfil that week.
    /// </summary>
    private Task IngestOnce() => shared.SeedOnceAsync(nameof(BulletinTests), async () =>
    {
        var rows = new List<string>();
        var week27 = new DateOnly(2012, 7, 2);
        void Add(string prefix, int n, DateOnly day, string area, string time = "12:00:00")
        {
            for (var i = 0; i < n; i++)
                rows.Add(Record($"bul-{prefix}-{i}", $"{day:yyyy-MM-dd}T{time}Z", area, "violence-with-injury"));
        }
        Add("w27-rct", 6, week27.AddDays(2), "W06000016", "21:30:00"); // Wednesday 22:30 BST
        Add("w27-mer", 3, week27.AddDays(4), "W06000024");
        int[] before = [2, 4, 1, 5]; // W23, W24, W25, W26
        for (var w = 0; w < before.Length; w++) Add($"w{23 + w}", before[w], week27.AddDays(7 * (w - 4) + 1), "W06000016");
        Add("w27-2011", 4, new DateOnly(2011, 7, 6), "W06000016");
        rows.Add("{\"id\":\"bul-month-1\",\"occurredAt\":\"2012-07\",\"precision\":\"month\",\"area\":\"W06000016\",\"category\":\"violence-with-injury\"}");
        rows.Add("{\"id\":\"bul-month-2\",\"occurredAt\":\"2012-07\",\"precision\":\"month\",\"area\":\"W06000024\",\"category\":\"violence-with-injury\"}");
        await Http.IngestNdjson("crime", [.. rows]);
        await Http.IngestNdjson("ed-assaults",
            Record("bul-ed-1", "2012-07-06T23:00:00Z", "W06000024", "means-body"),
            Record("bul-ed-2", "2012-07-07T01:00:00Z", "W06000024", "means-body"));
        await Http.EventuallyTotal(9 + 12 + 2, "csp:cwm-taf", "crime", "2012-01-01", "2012-12-31");
        await Http.EventuallyTotal(4, "csp:cwm-taf", "crime", "2011-01-01", "2011-12-31");
        await Http.EventuallyTotal(2, "csp:cwm-taf", "ed-assaults", "2012-01-01", "2012-12-31");
        await Http.EventuallyTotal(9 + 12 + 2, "nation:wales", "crime", "2012-01-01", "2012-12-31");
    });

    private static JsonElement Measure(JsonElement body, string feed) =>
        body.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("feed").GetString() == feed);

    [Fact]
    public async Task The_json_bulletin_has_the_weeks_figures()
    {
        await IngestOnce();
        var body = await Http.GetJson(Path);
        Assert.Equal("csp:cwm-taf", body.GetProperty("footprint").GetString());
        Assert.Equal("2012-W27", body.GetProperty("week").GetString());
        Assert.Equal("2012-07-02", body.GetProperty("start").GetString());
        Assert.Equal("2012-07-08", body.GetProperty("end").GetString());
        Assert.Equal(3, body.GetProperty("measures").GetArrayLength());

        var police = Measure(body, "crime");
        Assert.Equal("violence-against-the-person", police.GetProperty("category").GetString());
        Assert.Equal(9, police.GetProperty("count").GetInt64());
        Assert.Equal(3.0, police.GetProperty("previousFourWeeksMean").GetDouble(), 12);
        Assert.Equal("2011-W27", police.GetProperty("sameWeekLastYearPeriod").GetString());
        Assert.Equal(4, police.GetProperty("sameWeekLastYear").GetInt64());
        Assert.Equal(9 / 296497.0 * 100_000, police.GetProperty("ratePer100k").GetDouble(), 9);
        // Wales's week holds only these 9 records: Cwm Taf's 95% interval (exact Poisson) lies wholly above Wales's rate.
        Assert.Equal(9, police.GetProperty("benchmarkCount").GetInt64());
        Assert.Equal("higher", police.GetProperty("comparison").GetString());
        Assert.Equal(2, police.GetProperty("excludedMonthPrecision").GetInt64());
        // EARS C2 can test the week (history from 2011-W27 at the latest). Whether Farrington can depends on where
        // Cwm Taf's police violence begins, which other classes' older records decide here: the bulletin's figures
        // are the exceedance endpoint's for the week, whichever it is.
        Assert.NotEqual(JsonValueKind.Null, police.GetProperty("earsC2").GetProperty("alarm").ValueKind);
        foreach (var (method, name) in new[] { ("ears-c2", "earsC2"), ("farrington", "farrington") })
        {
            var week = (await Http.GetJson("/api/v1/footprints/csp:cwm-taf/exceedance?feed=crime&category=violence-against-the-person" +
                                           $"&granularity=week&method={method}&from=2012-07-02&to=2012-07-08")).GetProperty("points")[0];
            foreach (var figure in new[] { "expected", "threshold", "statistic", "alarm" })
                Assert.Equal(week.GetProperty(figure).GetRawText(), police.GetProperty(name).GetProperty(figure).GetRawText());
        }

        var top = police.GetProperty("topMembers").EnumerateArray().ToList();
        Assert.Equal(2, top.Count);
        Assert.Equal("la:rhondda-cynon-taf", top[0].GetProperty("footprint").GetString());
        Assert.Equal(6, top[0].GetProperty("count").GetInt64());
        Assert.Equal(6 / 237658.0 * 100_000, top[0].GetProperty("ratePer100k").GetDouble(), 9);
        Assert.Equal("la:merthyr-tydfil", top[1].GetProperty("footprint").GetString());
        Assert.Equal(3, top[1].GetProperty("count").GetInt64());

        // The profile covers July 2012; the six Wednesday 22:30 BST records are in their local hour.
        var days = police.GetProperty("profile").GetProperty("days").EnumerateArray()
            .ToDictionary(d => d.GetProperty("day").GetString()!, d => d.GetProperty("hours"));
        Assert.Equal(6, days["wednesday"][22].GetInt64());
        Assert.Equal("2012-07-01", police.GetProperty("profile").GetProperty("from").GetString());

        var ed = Measure(body, "ed-assaults");
        Assert.Equal(2, ed.GetProperty("count").GetInt64());
        Assert.Equal("la:merthyr-tydfil", ed.GetProperty("topMembers")[0].GetProperty("footprint").GetString());
        var ambulance = Measure(body, "ambulance-assaults");
        Assert.Equal(0, ambulance.GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, ambulance.GetProperty("earsC2").GetProperty("alarm").ValueKind);

        var footnotes = body.GetProperty("footnotes").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Contains(footnotes, f => f.Contains("Byar", StringComparison.Ordinal));
        Assert.Contains(footnotes, f => f.Contains("Europe/London", StringComparison.Ordinal));
        Assert.Contains(footnotes, f => f.Contains("minSigma 0.5", StringComparison.Ordinal));
        Assert.Contains(footnotes, f => f.Contains("crime/violence-against-the-person: 2", StringComparison.Ordinal));
    }

    private const string MonthPath = "/api/v1/footprints/csp:cwm-taf/bulletin?month=2012-07";

    [Fact]
    public async Task The_weekly_bulletin_says_its_granularity_and_period_and_the_period_named_figures_are_the_weeks()
    {
        await IngestOnce();
        var body = await Http.GetJson(Path);
        Assert.Equal(("week", "2012-W27"), (body.GetProperty("granularity").GetString(), body.GetProperty("period").GetString()));
        var police = Measure(body, "crime");
        Assert.Equal(3.0, police.GetProperty("previousPeriodsMean").GetDouble(), 12);
        Assert.Equal(4, police.GetProperty("previousPeriods").GetInt32());
        Assert.Equal(("2011-W27", 4L), (police.GetProperty("samePeriodLastYearPeriod").GetString(), police.GetProperty("samePeriodLastYear").GetInt64()));
    }

    /// <summary>
    /// July 2012 in Cwm Taf: the week's 9 (6 in Rhondda Cynon Taf, 3 in Merthyr Tydfil) and the 2 records known only to
    /// July (one in each), so 11; June 2012 holds the four weeks before (12), April and May none; July 2011 holds 4.
    /// </summary>
    [Fact]
    public async Task The_monthly_bulletin_counts_the_month_precision_records_the_weekly_one_leaves_out()
    {
        await IngestOnce();
        var body = await Http.GetJson(MonthPath);
        Assert.Equal(("month", "2012-07", "2012-07-01", "2012-07-31"), (body.GetProperty("granularity").GetString(), body.GetProperty("period").GetString(),
            body.GetProperty("start").GetString(), body.GetProperty("end").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("week").ValueKind);

        // Police violence is measured at the level data.police.uk publishes it, which holds violence against the person.
        var police = Measure(body, "crime");
        Assert.Equal("violence-and-sexual-offences", police.GetProperty("category").GetString());
        Assert.Equal(11, police.GetProperty("count").GetInt64());
        Assert.Equal(0, police.GetProperty("excludedMonthPrecision").GetInt64());
        Assert.Equal(4.0, police.GetProperty("previousPeriodsMean").GetDouble(), 12); // (0 + 0 + 12) / 3
        Assert.Equal(3, police.GetProperty("previousPeriods").GetInt32());
        Assert.Equal(("2011-07", 4L), (police.GetProperty("samePeriodLastYearPeriod").GetString(), police.GetProperty("samePeriodLastYear").GetInt64()));
        foreach (var weekly in new[] { "previousFourWeeksMean", "sameWeekLastYearPeriod", "sameWeekLastYear" })
            Assert.Equal(JsonValueKind.Null, police.GetProperty(weekly).ValueKind);
        Assert.Equal(11, police.GetProperty("benchmarkCount").GetInt64());
        Assert.Equal(11 / 296497.0 * 100_000, police.GetProperty("ratePer100k").GetDouble(), 9);
        var top = police.GetProperty("topMembers").EnumerateArray().Select(m => (m.GetProperty("footprint").GetString(), m.GetProperty("count").GetInt64())).ToList();
        Assert.Equal([("la:rhondda-cynon-taf", 7L), ("la:merthyr-tydfil", 4L)], top);
        // The profile is the month's; records without a time of day are not in it.
        Assert.Equal(("2012-07-01", "2012-07-31", 9L), (police.GetProperty("profile").GetProperty("from").GetString(),
            police.GetProperty("profile").GetProperty("to").GetString(), police.GetProperty("profile").GetProperty("total").GetInt64()));

        // Exceedance is the monthly exceedance endpoint's for the month.
        foreach (var (method, name) in new[] { ("ears-c2", "earsC2"), ("farrington", "farrington") })
        {
            var month = (await Http.GetJson("/api/v1/footprints/csp:cwm-taf/exceedance?feed=crime&category=violence-and-sexual-offences" +
                                            $"&granularity=month&method={method}&from=2012-07-01&to=2012-07-31")).GetProperty("points")[0];
            Assert.Equal(11, month.GetProperty("count").GetInt64());
            foreach (var figure in new[] { "expected", "threshold", "statistic", "alarm" })
                Assert.Equal(month.GetProperty(figure).GetRawText(), police.GetProperty(name).GetProperty(figure).GetRawText());
        }
        Assert.Equal(2, Measure(body, "ed-assaults").GetProperty("count").GetInt64());

        var footnotes = body.GetProperty("footnotes").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Contains(footnotes, f => f.Contains("EARS C2 on monthly counts", StringComparison.Ordinal));
        Assert.Contains(footnotes, f => f.Contains("every record of 2012-07 is counted", StringComparison.Ordinal));
        Assert.Contains(footnotes, f => f.Contains("w = 1", StringComparison.Ordinal) && f.Contains("pastWeeksNotIncluded = 6", StringComparison.Ordinal));

        // The weekly bulletin of a week of July is unchanged: the two records stay out of it and are counted as left out.
        Assert.Equal(9, Measure(await Http.GetJson(Path), "crime").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task The_monthly_bulletin_is_csv_and_html_like_the_weekly_one()
    {
        await IngestOnce();
        var table = ParseCsv(await (await Http.GetAsync(MonthPath + "&format=csv")).Content.ReadAsStringAsync());
        var header = table[0];
        Assert.Equal(header.Length, header.Distinct().Count());
        var rows = table.Skip(1).Select(r => header.Zip(r).ToDictionary(c => c.First, c => c.Second)).ToList();
        Assert.All(rows, r => Assert.Equal(("csp:cwm-taf", "", "month", "2012-07"), (r["footprint"], r["week"], r["granularity"], r["period"])));
        var police = rows.Single(r => r["section"] == "measure" && r["feed"] == "crime");
        Assert.Equal(("11", "4", "3", "2011-07", "4", "", ""), (police["count"], police["previousPeriodsMean"], police["previousPeriods"],
            police["samePeriodLastYearPeriod"], police["samePeriodLastYear"], police["previousFourWeeksMean"], police["sameWeekLastYear"]));
        Assert.Equal(168, rows.Count(r => r["section"] == "profile" && r["feed"] == "crime"));

        var weekly = ParseCsv(await (await Http.GetAsync(Path + "&format=csv")).Content.ReadAsStringAsync());
        Assert.Equal(header, weekly[0]);

        var html = await (await Http.GetAsync(MonthPath + "&format=html")).Content.ReadAsStringAsync();
        Assert.Contains("<title>Monthly violence bulletin: Cwm Taf, 2012-07</title>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">This month</th>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Previous 3 months (mean)</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_monthly_bulletin_applies_the_same_disclosure_control()
    {
        await IngestOnce();
        var body = await Http.GetJson("/api/v1/public/footprints/csp:cwm-taf/bulletin?month=2012-07");
        Assert.Equal(("month", "2012-07"), (body.GetProperty("granularity").GetString(), body.GetProperty("period").GetString()));
        var police = Measure(body, "crime");
        Assert.Equal(11, police.GetProperty("count").GetInt64());
        // July 2011's 4 is shown as "<5".
        Assert.Equal("<5", police.GetProperty("samePeriodLastYear").GetString());
        Assert.True(police.GetProperty("samePeriodLastYearSuppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, police.GetProperty("sameWeekLastYear").ValueKind);
        // Merthyr Tydfil's 4 could be read off the total beside Rhondda Cynon Taf's 7: members are withheld.
        Assert.True(police.GetProperty("topMembersWithheld").GetBoolean());
        var ed = Measure(body, "ed-assaults");
        Assert.Equal("<5", ed.GetProperty("count").GetString());
        Assert.Equal(JsonValueKind.Null, ed.GetProperty("ratePer100k").ValueKind);
    }

    [Theory]
    [InlineData("month=2012-13", "month")]
    [InlineData("month=2012-7", "month")]
    [InlineData("month=2012-W27", "month")]
    [InlineData("month=2012-07&week=2012-W27", "month")]
    public async Task A_bad_month_is_a_problem_naming_it(string query, string named)
    {
        var response = await Http.GetAsync($"/api/v1/footprints/csp:cwm-taf/bulletin?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync($"/api/v1/public/footprints/csp:cwm-taf/bulletin?{query}")).StatusCode);
    }

    [Fact]
    public async Task Csv_is_chosen_by_format_or_by_accept()
    {
        await IngestOnce();
        var byFormat = await Http.GetAsync(Path + "&format=csv");
        Assert.Equal(HttpStatusCode.OK, byFormat.StatusCode);
        Assert.Equal("text/csv", byFormat.Content.Headers.ContentType?.MediaType);
        var lines = (await byFormat.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.StartsWith("section,footprint,name,week,feed,category,count,previousFourWeeksMean", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("measure,csp:cwm-taf,Cwm Taf,2012-W27,crime,violence-against-the-person,9,3,2011-W27,4,", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var byAccept = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, byAccept.StatusCode);
        Assert.Equal("text/csv", byAccept.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await byFormat.Content.ReadAsStringAsync(), await byAccept.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_csv_is_one_tidy_table_whose_sections_carry_the_json_bulletins_figures()
    {
        await IngestOnce();
        var json = await Http.GetJson(Path);
        var table = ParseCsv(await (await Http.GetAsync(Path + "&format=csv")).Content.ReadAsStringAsync());
        var header = table[0];
        Assert.Equal("section", header[0]);
        Assert.Equal(header.Length, header.Distinct().Count());
        var rows = table.Skip(1).Select(r =>
        {
            Assert.Equal(header.Length, r.Length); // one table: every row has every column
            return header.Zip(r).ToDictionary(c => c.First, c => c.Second);
        }).ToList();
        Assert.All(rows, r => Assert.Contains(r["section"], new[] { "measure", "profile", "members", "confidence", "footnote" }));
        Assert.All(rows, r => Assert.Equal(("csp:cwm-taf", "Cwm Taf", "2012-W27"), (r["footprint"], r["name"], r["week"])));

        var measures = json.GetProperty("measures").EnumerateArray().ToList();
        Assert.Equal(measures.Select(m => m.GetProperty("feed").GetString()), rows.Where(r => r["section"] == "measure").Select(r => r["feed"]));
        foreach (var m in measures)
        {
            var feed = m.GetProperty("feed").GetString();
            var measure = rows.Single(r => r["section"] == "measure" && r["feed"] == feed);
            Assert.Equal(m.GetProperty("count").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), measure["count"]);
            Assert.Equal("", measure["day"]);
            Assert.Equal("", measure["member"]);

            // The profile as 7 × 24 cells, Monday 00:00 first, each the JSON's count for that day and hour.
            var profile = rows.Where(r => r["section"] == "profile" && r["feed"] == feed).ToList();
            Assert.Equal(168, profile.Count);
            var days = m.GetProperty("profile").GetProperty("days").EnumerateArray().ToList();
            for (var d = 0; d < 7; d++)
                for (var h = 0; h < 24; h++)
                {
                    var cell = profile[d * 24 + h];
                    Assert.Equal((days[d].GetProperty("day").GetString(), h.ToString(System.Globalization.CultureInfo.InvariantCulture)), (cell["day"], cell["hour"]));
                    Assert.Equal(days[d].GetProperty("hours")[h].GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), cell["count"]);
                    Assert.Equal(m.GetProperty("profile").GetProperty("from").GetString(), cell["profileFrom"]);
                    Assert.Equal("", cell["earsC2Alarm"]);
                }
            Assert.Equal(m.GetProperty("profile").GetProperty("total").GetInt64(), profile.Sum(c => long.Parse(c["count"], System.Globalization.CultureInfo.InvariantCulture)));

            var members = rows.Where(r => r["section"] == "members" && r["feed"] == feed).ToList();
            Assert.Equal(m.GetProperty("topMembers").EnumerateArray().Select(t => t.GetProperty("footprint").GetString()), members.Select(r => r["member"]));
        }
        // Wednesday 4 July 2012 22:30 BST: Rhondda Cynon Taf's 6.
        Assert.Contains(rows, r => r["section"] == "profile" && r["feed"] == "crime" && r["day"] == "wednesday" && r["hour"] == "22" && r["count"] == "6");
        var top = rows.First(r => r["section"] == "members" && r["feed"] == "crime");
        Assert.Equal(("1", "la:rhondda-cynon-taf", "Rhondda Cynon Taf", "6", ""), (top["rank"], top["member"], top["memberName"], top["count"], top["earsC2Alarm"]));
        Assert.Equal(json.GetProperty("footnotes").EnumerateArray().Select(f => f.GetString()),
            rows.Where(r => r["section"] == "footnote").Select(r => r["text"]));
    }

    /// <summary>RFC 4180: fields separated by commas, rows by CRLF, quoted fields may hold both and doubled quotes.</summary>
    internal static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString()); field.Clear();
                rows.Add([.. row]); row.Clear();
                i++;
            }
            else field.Append(c);
        }
        Assert.False(quoted, "an unterminated quoted field");
        Assert.True(row.Count == 0 && field.Length == 0, "the last row ends with CRLF");
        return rows;
    }

    [Fact]
    public async Task The_format_parameter_wins_over_accept()
    {
        await IngestOnce();
        using var request = new HttpRequestMessage(HttpMethod.Get, Path + "&format=json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("2012-W27", json.RootElement.GetProperty("week").GetString());
    }

    [Fact]
    public async Task The_html_bulletin_is_a_printable_page_naming_the_footprint_and_week()
    {
        await IngestOnce();
        var response = await Http.GetAsync(Path + "&format=html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Weekly violence bulletin: Cwm Taf, 2012-W27</title>", html, StringComparison.Ordinal);
        // Styles come from the hub's own stylesheet (the Content-Security-Policy allows no inline <style>).
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/css/bulletin.css\">", html, StringComparison.Ordinal);
        Assert.Contains("@media print", await shared.Hub.Client(null).GetStringAsync("/css/bulletin.css"), StringComparison.Ordinal);
        Assert.Contains("Rhondda Cynon Taf", html, StringComparison.Ordinal);
        Assert.Contains("Europe/London", html, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var byAccept = await Http.SendAsync(request);
        Assert.Equal("text/html", byAccept.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("week=2012-W60", "week")]
    [InlineData("week=2012-27", "week")]
    [InlineData("week=", "week")]
    [InlineData("week=2012-W27&format=pdf", "format")]
    public async Task A_bad_week_or_format_is_a_problem_naming_it(string query, string named)
    {
        var response = await Http.GetAsync($"/api/v1/footprints/csp:cwm-taf/bulletin?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"parameter\":\"{named}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_footprint_is_not_found()
    {
        var response = await Http.GetAsync("/api/v1/footprints/csp:atlantis/bulletin?week=2012-W27");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
