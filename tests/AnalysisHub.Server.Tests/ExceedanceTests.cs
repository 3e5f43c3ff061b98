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

    /// <summary>A record known only to its month, as a transform of data.police.uk files posts it.</summary>
    internal static string MonthRecord(string id, string month, string area, string category) =>
        $$"""{"id":"{{id}}","occurredAt":"{{month}}","precision":"month","area":"{{area}}","category":"{{category}}"}""";

    [Fact]
    public async Task Month_precision_records_get_a_monthly_exceedance_figure_and_stay_out_of_weekly_ones()
    {
        // ASB incidents in Monmouthshire known only to their month: May 2003 to January 2004, then 30 in February 2004.
        int[] monthly = [4, 5, 4, 6, 5, 4, 7, 5, 5, 30];
        var first = new DateOnly(2003, 5, 1);
        var rows = monthly.SelectMany((n, m) => Enumerable.Range(0, n).Select(i =>
            MonthRecord($"em-{m}-{i}", $"{first.AddMonths(m):yyyy-MM}", "W06000021", "asb-personal"))).ToArray();
        await Http.IngestNdjson("incidents", rows);
        await Http.EventuallyTotal(monthly.Sum(), "la:monmouthshire", "incidents", "2003-01-01", "2004-12-31");

        // EARS C2 on months: the baseline is May to November 2003 (mean 5, sd 1.1547), before a two-month guard band
        // (December and January) — across the year end.
        var body = await Http.GetJson("/api/v1/footprints/la:monmouthshire/exceedance?feed=incidents&granularity=month&method=ears-c2&from=2004-02-01&to=2004-02-29");
        Assert.Equal("month", body.GetProperty("granularity").GetString());
        var point = Assert.Single(body.GetProperty("points").EnumerateArray());
        Assert.Equal(("2004-02", "2004-02-01", "2004-02-29", 30L),
            (point.GetProperty("period").GetString(), point.GetProperty("start").GetString(), point.GetProperty("end").GetString(), point.GetProperty("count").GetInt64()));
        Assert.Equal(5.0, point.GetProperty("expected").GetDouble(), 9);
        Assert.Equal(5 + 3 * Math.Sqrt(8.0 / 6), point.GetProperty("threshold").GetDouble(), 9);
        Assert.True(point.GetProperty("alarm").GetBoolean());

        // January 2004 has eight months of history, one short of the baseline and guard band: untested, not zeros.
        var january = await Http.GetJson("/api/v1/footprints/la:monmouthshire/exceedance?feed=incidents&granularity=month&method=ears-c2&from=2004-01-01&to=2004-01-31");
        var untested = Assert.Single(january.GetProperty("points").EnumerateArray());
        Assert.Equal((5L, System.Text.Json.JsonValueKind.Null), (untested.GetProperty("count").GetInt64(), untested.GetProperty("alarm").ValueKind));

        // Farrington-flexible runs on months with its monthly settings; five years of history do not exist yet.
        var farrington = await Http.GetJson("/api/v1/footprints/la:monmouthshire/exceedance?feed=incidents&granularity=month&method=farrington&from=2004-02-01&to=2004-02-29");
        Assert.Equal((1, 6, 12), (farrington.GetProperty("parameters").GetProperty("w").GetInt32(),
            farrington.GetProperty("parameters").GetProperty("pastWeeksNotIncluded").GetInt32(), farrington.GetProperty("parameters").GetProperty("frequency").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, Assert.Single(farrington.GetProperty("points").EnumerateArray()).GetProperty("alarm").ValueKind);

        // The weeks of February 2004 hold none of them: weekly figures are what they were.
        var weekly = await Http.GetJson("/api/v1/footprints/la:monmouthshire/exceedance?feed=incidents&granularity=week&method=ears-c2&from=2004-02-02&to=2004-02-29");
        Assert.All(weekly.GetProperty("points").EnumerateArray(), p => Assert.Equal(0, p.GetProperty("count").GetInt64()));
        Assert.False(weekly.GetProperty("parameters").TryGetProperty("frequency", out _));
    }

    [Fact]
    public async Task The_baseline_reads_history_before_from_back_to_the_first_record_not_just_the_window()
    {
        // ED assaults in Wrexham: one in January 1990, then none until 8, 2 and 3 in the weeks from Monday 2 March
        // 1992 (1992-W10). Flintshire has the same weeks but nothing earlier. The weeks read before `from` are all
        // zeros in both; only Wrexham's are real zeros, because its history began before them.
        var monday = new DateOnly(1992, 3, 2);
        int[] weekly = [8, 2, 3];
        string[] rows = [.. new[] { "W06000006", "W06000005" }.SelectMany(area => weekly.SelectMany((n, w) => Enumerable.Range(0, n)
                .Select(i => Record($"eh-{area}-{w}-{i}", $"{monday.AddDays(7 * w + 2):yyyy-MM-dd}T21:00:00Z", area, "means-body")))),
            Record("eh-W06000006-first", "1990-01-09T21:00:00Z", "W06000006", "means-body")];
        await Http.IngestNdjson("ed-assaults", rows);
        await Http.EventuallyTotal(14, "la:wrexham", "ed-assaults", "1990-01-01", "1992-12-31");
        await Http.EventuallyTotal(13, "la:flintshire", "ed-assaults", "1990-01-01", "1992-12-31");

        var range = $"feed=ed-assaults&granularity=week&method=ears-c2&from={monday:yyyy-MM-dd}&to={monday.AddDays(20):yyyy-MM-dd}";
        var wrexham = (await Http.GetJson($"/api/v1/footprints/la:wrexham/exceedance?{range}")).GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(["1992-W10", "1992-W11", "1992-W12"], wrexham.Select(p => p.GetProperty("period").GetString()));
        // A baseline of seven real zeros: expected 0, sd floored at minSigma 0.5, threshold 1.5.
        Assert.Equal(8, wrexham[0].GetProperty("count").GetInt64());
        Assert.Equal(0.0, wrexham[0].GetProperty("expected").GetDouble());
        Assert.Equal(1.5, wrexham[0].GetProperty("threshold").GetDouble(), 12);
        Assert.Equal(16.0, wrexham[0].GetProperty("statistic").GetDouble(), 12);
        Assert.True(wrexham[0].GetProperty("alarm").GetBoolean());
        Assert.All(wrexham, p => Assert.NotEqual(System.Text.Json.JsonValueKind.Null, p.GetProperty("alarm").ValueKind));

        // Flintshire's first record is in the first week shown: the weeks before it are untested, as always.
        var flintshire = (await Http.GetJson($"/api/v1/footprints/la:flintshire/exceedance?{range}")).GetProperty("points").EnumerateArray().ToList();
        Assert.All(flintshire, p => Assert.Equal(System.Text.Json.JsonValueKind.Null, p.GetProperty("expected").ValueKind));

        // The public route runs the same way (8 and the zeros are not small counts, so nothing is withheld).
        var published = (await Http.GetJson($"/api/v1/public/footprints/la:wrexham/exceedance?{range}")).GetProperty("points")[0];
        Assert.False(published.GetProperty("withheld").GetBoolean());
        Assert.Equal(1.5, published.GetProperty("threshold").GetDouble(), 12);
        Assert.True(published.GetProperty("alarm").GetBoolean());

        // And the bulletin's EARS C2 figures for the week.
        var bulletin = await Http.GetJson("/api/v1/footprints/la:wrexham/bulletin?week=1992-W10");
        var ed = bulletin.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("feed").GetString() == "ed-assaults");
        Assert.Equal(8, ed.GetProperty("count").GetInt64());
        Assert.Equal(1.5, ed.GetProperty("earsC2").GetProperty("threshold").GetDouble(), 12);
        Assert.True(ed.GetProperty("earsC2").GetProperty("alarm").GetBoolean());
        var flintshireBulletin = await Http.GetJson("/api/v1/footprints/la:flintshire/bulletin?week=1992-W10");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, flintshireBulletin.GetProperty("measures").EnumerateArray()
            .Single(m => m.GetProperty("feed").GetString() == "ed-assaults").GetProperty("earsC2").GetProperty("alarm").ValueKind);
    }

    [Fact]
    public async Task Farrington_reads_five_years_and_w_weeks_before_from_and_reports_its_settings()
    {
        // A steady 10 a week in Conwy's ambulance assaults from 1996-W01; the first week Farrington can test is the
        // one b·52 + w = 263 weeks later, and a window starting there is tested from its first week.
        var start = new DateOnly(1996, 1, 1);
        var weeks = 5 * 52 + 3 + 2;
        await Http.IngestNdjson("ambulance-assaults", Enumerable.Range(0, weeks).SelectMany(w => Enumerable.Range(0, 10)
            .Select(i => Record($"fh-{w}-{i}", $"{start.AddDays(7 * w + i % 7):yyyy-MM-dd}T12:00:00Z", "W06000003", "assault"))).ToArray());
        await Http.EventuallyTotal(10L * weeks, "la:conwy", "ambulance-assaults", "1996-01-01", "2001-12-31");

        var firstTestable = start.AddDays(7 * 263);
        var body = await Http.GetJson($"/api/v1/footprints/la:conwy/exceedance?feed=ambulance-assaults&granularity=week&method=farrington&from={firstTestable:yyyy-MM-dd}&to={firstTestable.AddDays(13):yyyy-MM-dd}");
        var points = body.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(2, points.Count);
        Assert.All(points, p =>
        {
            Assert.Equal(10.0, p.GetProperty("expected").GetDouble(), 6);
            Assert.False(p.GetProperty("alarm").GetBoolean());
        });
        var parameters = body.GetProperty("parameters");
        Assert.Equal(5, parameters.GetProperty("b").GetInt32());
        Assert.Equal(3, parameters.GetProperty("w").GetInt32());
        Assert.Equal(26, parameters.GetProperty("pastWeeksNotIncluded").GetInt32());

        // The week before has one period too few behind it.
        var early = await Http.GetJson($"/api/v1/footprints/la:conwy/exceedance?feed=ambulance-assaults&granularity=week&method=farrington&from={firstTestable.AddDays(-7):yyyy-MM-dd}&to={firstTestable.AddDays(-1):yyyy-MM-dd}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, Assert.Single(early.GetProperty("points").EnumerateArray()).GetProperty("expected").ValueKind);
    }

    [Fact]
    public async Task Farrington_without_five_years_of_history_tests_nothing_and_says_so()
    {
        // Firearm-flagged crime (no other test's records carry the flag) begins in Wales in May 2023: less than five
        // years before March 2025, wherever else Wales's crime records begin.
        await Http.IngestNdjson("crime", Record("fw-1", "2023-05-10T12:00:00Z", "W06000015", "robbery", flags: "firearm"));
        await Http.EventuallyTotal(1, "nation:wales", "crime", "2023-01-01", "2023-12-31", extra: "&flag=firearm");
        var body = await Http.GetJson("/api/v1/footprints/nation:wales/exceedance?feed=crime&flag=firearm&granularity=week&method=farrington&from=2025-03-03&to=2025-03-16");
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
    [InlineData("granularity=quarter", "quarter")]
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
