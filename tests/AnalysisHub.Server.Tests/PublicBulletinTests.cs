using System.Net;
using System.Text.Json;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>The public weekly bulletin through the real server (violence records of 1994–1995, used by no other test).</summary>
[Collection(SharedHubCollection.Name)]
public sealed class PublicBulletinTests(SharedHub shared)
{
    private HttpClient Http => shared.Http;

    private const string CwmTafMorgannwg = "/api/v1/public/footprints/psb:cwm-taf-morgannwg/bulletin?week=1995-W27";
    private const string SouthWales = "/api/v1/public/footprints/force:south-wales/bulletin?week=1995-W40";

    private static IEnumerable<string> Violence(string prefix, int n, string utc, string area) =>
        Enumerable.Range(0, n).Select(i => Record($"pbul-{prefix}-{i}", utc, area, "violence-with-injury"));

    private static IEnumerable<string> EdAssaults(string prefix, int n, string utc, string area) =>
        Enumerable.Range(0, n).Select(i => Record($"pbul-{prefix}-{i}", utc, area, "means-body"));

    /// <summary>
    /// Cwm Taf Morgannwg in 1995-W27 (3–9 July): police violence Rhondda Cynon Taf 12 (Wednesday 22:30 BST), Bridgend 9
    /// (Friday 01:00), Merthyr Tydfil 2 (Saturday 15:00) — 23, all of Wales's week; 1 in W23 and 2 in W25 (a four-week
    /// mean of 0.75); 3 in 1994-W27. ED assaults: 3 in Rhondda Cynon Taf.
    /// South Wales in 1995-W40 (2–8 October): Cardiff 30, Swansea 20, Rhondda Cynon Taf 15, Bridgend 10, Neath Port
    /// Talbot 8, Vale of Glamorgan 3, Merthyr Tydfil 2 — 88.
    /// </summary>
    private Task IngestOnce() => shared.SeedOnceAsync(nameof(PublicBulletinTests), async () =>
    {
        await Http.IngestNdjson("crime",
        [
            .. Violence("w27-rct", 12, "1995-07-05T21:30:00Z", "W06000016"), .. Violence("w27-bri", 9, "1995-07-07T00:00:00Z", "W06000013"),
            .. Violence("w27-mer", 2, "1995-07-08T14:00:00Z", "W06000024"), .. Violence("w23", 1, "1995-06-06T12:00:00Z", "W06000016"),
            .. Violence("w25", 2, "1995-06-20T12:00:00Z", "W06000016"), .. Violence("w27-1994", 3, "1994-07-06T12:00:00Z", "W06000016"),
            .. Violence("w40-car", 30, "1995-10-04T12:00:00Z", "W06000015"), .. Violence("w40-swa", 20, "1995-10-04T12:00:00Z", "W06000011"),
            .. Violence("w40-rct", 15, "1995-10-04T12:00:00Z", "W06000016"), .. Violence("w40-bri", 10, "1995-10-04T12:00:00Z", "W06000013"),
            .. Violence("w40-npt", 8, "1995-10-04T12:00:00Z", "W06000012"), .. Violence("w40-vog", 3, "1995-10-04T12:00:00Z", "W06000014"),
            .. Violence("w40-mer", 2, "1995-10-04T12:00:00Z", "W06000024"),
        ]);
        await Http.IngestNdjson("ed-assaults", [.. EdAssaults("w27-ed", 3, "1995-07-05T21:30:00Z", "W06000016")]);
        await Http.EventuallyTotal(23 + 1 + 2, "psb:cwm-taf-morgannwg", "crime", "1995-06-01", "1995-07-31");
        await Http.EventuallyTotal(88, "nation:wales", "crime", "1995-10-01", "1995-10-31");
        await Http.EventuallyTotal(3, "nation:wales", "ed-assaults", "1995-01-01", "1995-12-31");
    });

    private static JsonElement Measure(JsonElement body, string feed) =>
        body.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("feed").GetString() == feed);

    [Fact]
    public async Task Small_counts_show_as_less_than_five_with_rates_withheld_and_a_note_on_disclosure_control()
    {
        await IngestOnce();
        var body = await Http.GetJson(CwmTafMorgannwg);
        var police = Measure(body, "crime");
        Assert.Equal(23, police.GetProperty("count").GetInt64());
        Assert.Equal(23 / 441997.0 * 100_000, police.GetProperty("ratePer100k").GetDouble(), 9);
        Assert.Equal("<1.25", police.GetProperty("previousFourWeeksMean").GetString());
        Assert.True(police.GetProperty("previousFourWeeksMeanSuppressed").GetBoolean());
        Assert.Equal("1994-W27", police.GetProperty("sameWeekLastYearPeriod").GetString());
        Assert.Equal("<5", police.GetProperty("sameWeekLastYear").GetString());
        Assert.True(police.GetProperty("sameWeekLastYearSuppressed").GetBoolean());
        Assert.Equal(23, police.GetProperty("benchmarkCount").GetInt64());
        // Merthyr Tydfil's 2 would be 23 − 12 − 9: no member is listed.
        Assert.Empty(police.GetProperty("topMembers").EnumerateArray());
        Assert.True(police.GetProperty("topMembersWithheld").GetBoolean());
        // EARS C2's baseline (W18–W24) holds W23's 1.
        Assert.True(police.GetProperty("earsC2").GetProperty("withheld").GetBoolean());
        Assert.Equal(JsonValueKind.Null, police.GetProperty("earsC2").GetProperty("expected").ValueKind);

        var days = police.GetProperty("profile").GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("day").GetString()!);
        Assert.Equal(12, days["wednesday"].GetProperty("hours")[22].GetInt64());
        Assert.Equal(9, days["friday"].GetProperty("hours")[1].GetInt64());
        Assert.Equal("<5", days["saturday"].GetProperty("hours")[15].GetString());
        Assert.Equal(JsonValueKind.Null, police.GetProperty("profile").GetProperty("total").ValueKind);
        Assert.True(police.GetProperty("profile").GetProperty("totalWithheld").GetBoolean());

        var ed = Measure(body, "ed-assaults");
        Assert.Equal("<5", ed.GetProperty("count").GetString());
        Assert.True(ed.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ed.GetProperty("ratePer100k").ValueKind);
        Assert.Equal(JsonValueKind.Null, ed.GetProperty("ci95").ValueKind);
        Assert.Equal("not-compared", ed.GetProperty("comparison").GetString());
        Assert.Equal("<5", ed.GetProperty("benchmarkCount").GetString());
        Assert.Equal(JsonValueKind.Null, ed.GetProperty("benchmarkRatePer100k").ValueKind);
        Assert.Equal(0, Measure(body, "ambulance-assaults").GetProperty("count").GetInt64());

        Assert.Equal("public audience (disclosure control applied)", body.GetProperty("audience").GetString());
        Assert.Contains("Disclosure control applied", body.GetProperty("disclosureControl").GetString(), StringComparison.Ordinal);
        Assert.Contains(body.GetProperty("footnotes").EnumerateArray(), f => f.GetString()!.StartsWith("Disclosure control applied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_full_member_table_is_listed_when_those_left_out_can_share_the_rest_many_ways()
    {
        await IngestOnce();
        var police = Measure(await Http.GetJson(SouthWales), "crime");
        Assert.Equal(88, police.GetProperty("count").GetInt64());
        Assert.False(police.GetProperty("topMembersWithheld").GetBoolean());
        var top = police.GetProperty("topMembers").EnumerateArray().ToList();
        Assert.Equal(["la:cardiff", "la:swansea", "la:rhondda-cynon-taf", "la:bridgend", "la:neath-port-talbot"],
            top.Select(m => m.GetProperty("footprint").GetString()));
        Assert.Equal([30L, 20, 15, 10, 8], top.Select(m => m.GetProperty("count").GetInt64()));
        // Nothing before in South Wales's baseline weeks but zeros: EARS C2 is shown.
        Assert.False(police.GetProperty("earsC2").GetProperty("withheld").GetBoolean());
        Assert.True(police.GetProperty("earsC2").GetProperty("alarm").GetBoolean());
    }

    [Fact]
    public async Task The_partner_bulletin_of_the_same_data_is_unsuppressed()
    {
        await IngestOnce();
        var body = await Http.GetJson(CwmTafMorgannwg.Replace("/public", "", StringComparison.Ordinal));
        var police = Measure(body, "crime");
        Assert.Equal(0.75, police.GetProperty("previousFourWeeksMean").GetDouble(), 12);
        Assert.Equal(3, police.GetProperty("sameWeekLastYear").GetInt64());
        Assert.Equal([12L, 9, 2], police.GetProperty("topMembers").EnumerateArray().Select(m => m.GetProperty("count").GetInt64()));
        Assert.Equal(3, Measure(body, "ed-assaults").GetProperty("count").GetInt64());
        Assert.Equal(23 + 0, police.GetProperty("profile").GetProperty("total").GetInt64());
    }

    /// <summary>
    /// Every relation a public bulletin holds between its numbers: the footprint's count is the sum of its members'
    /// (listed, or left out and each at most the last listed count); the profile's total is the sum of its hours; four
    /// times the mean is a count; the rates, intervals, comparisons and exceedance figures are functions of the counts
    /// beside them. None may give a withheld count away.
    /// </summary>
    [Theory]
    [InlineData(CwmTafMorgannwg)]
    [InlineData(SouthWales)]
    [InlineData("/api/v1/public/footprints/nation:wales/bulletin?week=1995-W27")]
    [InlineData("/api/v1/public/footprints/la:merthyr-tydfil/bulletin?week=1995-W40")]
    public async Task No_withheld_count_of_a_public_bulletin_can_be_recovered_from_the_other_numbers(string path)
    {
        await IngestOnce();
        var body = await Http.GetJson(path);
        var footprint = await Http.GetJson($"/api/v1/footprints/{body.GetProperty("footprint").GetString()}");
        var members = footprint.GetProperty("members").GetArrayLength();
        foreach (var m in body.GetProperty("measures").EnumerateArray())
        {
            var what = $"{path} {m.GetProperty("feed").GetString()}";
            var count = PublicRecovery.Shown(m.GetProperty("count"));
            Assert.Equal(count is null, m.GetProperty("suppressed").GetBoolean());
            if (count is null)
            {
                Assert.Equal(JsonValueKind.Null, m.GetProperty("ratePer100k").ValueKind);
                Assert.Equal(JsonValueKind.Null, m.GetProperty("ci95").ValueKind);
                Assert.NotEqual("higher", m.GetProperty("comparison").GetString());
                Assert.NotEqual("lower", m.GetProperty("comparison").GetString());
                foreach (var method in new[] { "earsC2", "farrington" })
                    Assert.Equal(JsonValueKind.Null, m.GetProperty(method).GetProperty("statistic").ValueKind);
            }
            if (PublicRecovery.Shown(m.GetProperty("benchmarkCount")) is null)
                Assert.Equal(JsonValueKind.Null, m.GetProperty("benchmarkRatePer100k").ValueKind);
            if (m.GetProperty("previousFourWeeksMean").ValueKind == JsonValueKind.Number)
            {
                var fourWeeks = Math.Round(m.GetProperty("previousFourWeeksMean").GetDouble() * 4);
                Assert.False(fourWeeks is >= 1 and <= 4, $"{what}: the four-week mean gives a count of {fourWeeks}");
            }

            var hours = m.GetProperty("profile").GetProperty("days").EnumerateArray()
                .SelectMany(d => d.GetProperty("hours").EnumerateArray().Select(PublicRecovery.Shown)).ToList();
            PublicRecovery.AssertNothingRecoverable($"{what} profile", PublicRecovery.Shown(m.GetProperty("profile").GetProperty("total")), hours);

            // The members: the footprint's count less those listed is what the others hold.
            var listed = m.GetProperty("topMembers").EnumerateArray().Select(x => x.GetProperty("count").GetInt64()).ToList();
            if (count is null || m.GetProperty("topMembersWithheld").GetBoolean()) continue;
            var left = members - listed.Count;
            var remainder = count.Value - listed.Sum();
            if (listed.Count < 5)
            {
                // Room to spare: every member left out had under 5, and none may then have 1–4.
                Assert.True(remainder == 0, $"{what}: {left} members left out of a table with room hold {remainder} between them");
                continue;
            }
            Assert.True(left != 1 || remainder is 0 or >= 5, $"{what}: the one member left out has {remainder}");
            Assert.True(left < 2 || remainder == 0 || remainder < left * (listed.Min() - 1),
                $"{what}: {left} members left out, each at most {listed.Min()}, share {remainder}: each could be pinned");
        }
    }

    [Fact]
    public async Task Withheld_counts_taking_other_values_leave_the_public_bulletin_unchanged()
    {
        await IngestOnce();
        // Gwent in 1995-W45 (6–12 November): Newport 12, Caerphilly 9, Torfaen 2; 1 in W42 and 2 in W44; 3 in 1994-W45;
        // ED assaults: Newport 3.
        await Http.IngestNdjson("crime",
        [
            .. Violence("g-new", 12, "1995-11-08T22:30:00Z", "W06000022"), .. Violence("g-cae", 9, "1995-11-10T01:00:00Z", "W06000018"),
            .. Violence("g-tor", 2, "1995-11-11T15:00:00Z", "W06000020"), .. Violence("g-w42", 1, "1995-10-17T12:00:00Z", "W06000022"),
            .. Violence("g-w44", 2, "1995-10-31T12:00:00Z", "W06000022"), .. Violence("g-1994", 3, "1994-11-09T12:00:00Z", "W06000022"),
        ]);
        await Http.IngestNdjson("ed-assaults", [.. EdAssaults("g-ed", 3, "1995-11-08T22:30:00Z", "W06000022")]);
        await Http.EventuallyTotal(23 + 3 + 3, "psb:gwent", "crime", "1994-01-01", "1995-12-31");
        await Http.EventuallyTotal(3, "psb:gwent", "ed-assaults", "1995-01-01", "1995-12-31");
        const string path = "/api/v1/public/footprints/psb:gwent/bulletin?week=1995-W45";
        var before = await AllFormats(path);
        Assert.Contains("\"<5\"", before[0], StringComparison.Ordinal);

        // Caerphilly 9 → 8 and Torfaen 2 → 3 (a record moves), W42 1 → 2, 1994-W45 3 → 4, ED assaults 3 → 4.
        await Http.IngestNdjson("crime",
            Record("pbul-g-cae-0", "1995-11-10T01:00:00Z", "W06000020", "violence-with-injury", version: 2),
            Record("pbul-g-w42-1", "1995-10-17T12:00:00Z", "W06000022", "violence-with-injury"),
            Record("pbul-g-1994-3", "1994-11-09T12:00:00Z", "W06000022", "violence-with-injury"));
        await Http.IngestNdjson("ed-assaults", Record("pbul-g-ed-3", "1995-11-08T22:30:00Z", "W06000022", "means-body"));
        await Http.EventuallyTotal(3, "la:torfaen", "crime", "1995-11-06", "1995-11-12");
        await Http.EventuallyTotal(23 + 4 + 4, "psb:gwent", "crime", "1994-01-01", "1995-12-31");
        await Http.EventuallyTotal(4, "psb:gwent", "ed-assaults", "1995-01-01", "1995-12-31");

        Assert.Equal(before, await AllFormats(path));
    }

    [Fact]
    public async Task The_csv_and_html_public_bulletins_carry_the_same_disclosure_control()
    {
        await IngestOnce();
        var csv = await Text(CwmTafMorgannwg + "&format=csv", "text/csv");
        var lines = csv.Split("\r\n");
        Assert.Contains(lines, l => l.StartsWith("measure,psb:cwm-taf-morgannwg,Cwm Taf Morgannwg,1995-W27,crime,violence-against-the-person,23,<1.25,1994-W27,<5,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("measure,psb:cwm-taf-morgannwg,Cwm Taf Morgannwg,1995-W27,ed-assaults,assault,<5,", StringComparison.Ordinal)
                                    && l.Contains(",,,,nation:wales,,not-compared,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("la:merthyr-tydfil", StringComparison.Ordinal));
        // The one table's last rows: the disclosure note; the members withheld are said so, in words.
        var table = BulletinTests.ParseCsv(csv);
        Assert.All(table, r => Assert.Equal(table[0].Length, r.Length));
        var text = Array.IndexOf(table[0], "text");
        var note = Assert.Single(table, r => r[0] == "disclosure")[text];
        Assert.StartsWith("Disclosure control applied", note, StringComparison.Ordinal);
        Assert.DoesNotContain(table, r => r[0] == "footnote" && r[text] == note);
        Assert.Contains(table, r => r[0] == "footnote" && r[text].StartsWith("Rates are per 100,000", StringComparison.Ordinal));
        Assert.Contains(table, r => r[0] == "members" && r[text].StartsWith("withheld:", StringComparison.Ordinal));
        // A profile cell of 1–4 reads <5, as in the JSON.
        Assert.Contains(table, r => r[0] == "profile" && r[Array.IndexOf(table[0], "count")] == "<5");

        var html = await Text(CwmTafMorgannwg + "&format=html", "text/html");
        Assert.Contains("public audience (disclosure control applied)", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;5</td>", html, StringComparison.Ordinal);
        Assert.Contains("Withheld: listing members", html, StringComparison.Ordinal);
        Assert.Contains("a withheld number of records", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Merthyr Tydfil", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("week=1995-W60", HttpStatusCode.BadRequest, "week")]
    [InlineData("week=1995-W27&format=pdf", HttpStatusCode.BadRequest, "format")]
    public async Task A_bad_week_or_format_is_a_problem_naming_it(string query, HttpStatusCode status, string named)
    {
        var response = await Http.GetAsync($"/api/v1/public/footprints/psb:gwent/bulletin?{query}");
        Assert.Equal(status, response.StatusCode);
        Assert.Contains($"\"parameter\":\"{named}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/public/footprints/psb:atlantis/bulletin?week=1995-W27")).StatusCode);
    }

    private async Task<List<string>> AllFormats(string path) =>
        [(await Http.GetJson(path)).GetRawText(), await Text(path + "&format=csv", "text/csv"), await Text(path + "&format=html", "text/html")];

    private async Task<string> Text(string path, string mediaType)
    {
        var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
