using System.Net;
using System.Text.Json;
using AnalysisHub.Testing;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests.Footprints;

/// <summary>
/// Footprints over time through the real server, on a hub of its own: the listings as of a day and whole, the
/// comparison of a kind as of a day, and series across the change of 1 April 2019 (Bridgend from Western Bay to
/// Cwm Taf Morgannwg) on current and as-was boundaries.
/// </summary>
public sealed class FootprintsOverTimeTests : IAsyncLifetime
{
    private const string Bridgend = "W06000013", Swansea = "W06000011", NeathPortTalbot = "W06000012", RhonddaCynonTaf = "W06000016";

    private readonly HubProcess _hub = new();

    public async Task InitializeAsync()
    {
        await _hub.StartAsync();
        await _hub.Http.IngestNdjson("crime",
            Record("t-1", "2018-06-10T12:00:00Z", Bridgend, "robbery"),
            Record("t-2", "2018-06-11T12:00:00Z", Bridgend, "robbery"),
            Record("t-3", "2018-06-12T12:00:00Z", Bridgend, "robbery"),
            """{"id":"t-4","occurredAt":"2018-05","precision":"month","area":"W06000013","category":"robbery"}""",
            Record("t-5", "2019-06-10T12:00:00Z", Bridgend, "robbery"),
            Record("t-6", "2019-06-11T12:00:00Z", Bridgend, "robbery"),
            Record("t-7", "2018-06-10T12:00:00Z", Swansea, "robbery"),
            Record("t-8", "2019-06-10T12:00:00Z", Swansea, "robbery"),
            Record("t-9", "2019-06-10T12:00:00Z", NeathPortTalbot, "robbery"),
            Record("t-10", "2018-06-10T12:00:00Z", RhonddaCynonTaf, "robbery"));
        await _hub.Http.EventuallyTotal(10, "nation:wales", "crime", "2018-01-01", "2019-12-31");
        await _hub.Http.IngestNdjson("ed-assaults",
            Record("e-1", "2018-06-10T12:00:00Z", Bridgend, "assault"),
            Record("e-2", "2018-06-11T12:00:00Z", Bridgend, "assault"),
            Record("e-3", "2018-06-12T12:00:00Z", Swansea, "assault"));
        await _hub.Http.EventuallyTotal(3, "nation:wales", "ed-assaults", "2018-01-01", "2019-12-31");
    }

    [Fact]
    public async Task A_bulletin_counts_on_the_boundaries_asked_with_the_members_and_population_of_then()
    {
        static JsonElement Assaults(JsonElement bulletin) =>
            bulletin.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("feed").GetString() == "ed-assaults");
        var current = await _hub.Http.GetJson("/api/v1/footprints/apb:western-bay/bulletin?month=2018-06");
        var asWas = await _hub.Http.GetJson("/api/v1/footprints/apb:western-bay/bulletin?month=2018-06&boundaries=as-was");

        Assert.Equal(1, Assaults(current).GetProperty("count").GetInt64());
        Assert.Equal(3, Assaults(asWas).GetProperty("count").GetInt64());
        Assert.Equal("as-was", asWas.GetProperty("boundaries").GetString());
        Assert.Contains("la:bridgend", Assaults(asWas).GetProperty("topMembers").EnumerateArray().Select(m => m.GetProperty("footprint").GetString()));
        Assert.DoesNotContain("la:bridgend", Assaults(current).GetProperty("topMembers").EnumerateArray().Select(m => m.GetProperty("footprint").GetString()));
        var then = (await _hub.Http.GetJson("/api/v1/footprints?asOf=2018-06-01&kind=apb")).EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == "apb:western-bay").GetProperty("population").GetInt64();
        Assert.Equal(then, asWas.GetProperty("population").GetInt64());
        Assert.True(then > current.GetProperty("population").GetInt64());
        await _hub.Http.GetJson("/api/v1/public/footprints/apb:western-bay/bulletin?month=2018-06&boundaries=as-was", HttpStatusCode.BadRequest);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task<JsonElement> Series(string footprint, string boundaries) =>
        await _hub.Http.GetJson($"/api/v1/footprints/{footprint}/series?feed=crime&from=2018-01-01&to=2019-12-31&granularity=year&boundaries={boundaries}");

    private static long[] Counts(JsonElement series) => series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("count").GetInt64()).ToArray();

    [Theory]
    // Swansea and Neath Port Talbot today; Western Bay's APB had Bridgend too until 31 March 2019.
    [InlineData("apb:western-bay", new long[] { 1, 2 }, new long[] { 5, 2 })]
    // Cwm Taf Morgannwg's APB gained Bridgend on 1 April 2019.
    [InlineData("apb:cwm-taf-morgannwg", new long[] { 5, 2 }, new long[] { 1, 2 })]
    // West Glamorgan's RPB began on 1 April 2019: nothing before on as-was boundaries.
    [InlineData("rpb:west-glamorgan", new long[] { 1, 2 }, new long[] { 0, 2 })]
    // Western Bay's RPB ended on 31 March 2019; on current boundaries it is counted with its last members throughout.
    [InlineData("rpb:western-bay", new long[] { 5, 4 }, new long[] { 5, 0 })]
    // An authority is the same on both.
    [InlineData("la:bridgend", new long[] { 4, 2 }, new long[] { 4, 2 })]
    public async Task A_series_across_the_2019_change_counts_each_day_with_the_boundaries_asked(string footprint, long[] current, long[] asWas)
    {
        var onCurrent = await Series(footprint, "current");
        var onAsWas = await Series(footprint, "as-was");

        Assert.Equal(current, Counts(onCurrent));
        Assert.Equal(asWas, Counts(onAsWas));
        Assert.Equal("current", onCurrent.GetProperty("boundaries").GetString());
        Assert.Equal("as-was", onAsWas.GetProperty("boundaries").GetString());
        Assert.Equal(current.Sum(), onCurrent.GetProperty("total").GetInt64());
        Assert.Equal(asWas.Sum(), onAsWas.GetProperty("total").GetInt64());
        // The default is current boundaries.
        var byDefault = await _hub.Http.GetJson($"/api/v1/footprints/{footprint}/series?feed=crime&from=2018-01-01&to=2019-12-31&granularity=year");
        Assert.Equal(current, Counts(byDefault));
        Assert.Equal("current", byDefault.GetProperty("boundaries").GetString());
    }

    [Fact]
    public async Task A_series_says_when_its_footprint_began_and_ended_and_stays_dense_outside_its_life()
    {
        var westGlamorgan = await _hub.Http.GetJson("/api/v1/footprints/rpb:west-glamorgan/series?feed=crime&from=2019-01-01&to=2019-06-30&granularity=month&boundaries=as-was");
        Assert.Equal("2019-04-01", westGlamorgan.GetProperty("validFrom").GetString());
        Assert.Equal(JsonValueKind.Null, westGlamorgan.GetProperty("validTo").ValueKind);
        Assert.Equal([0L, 0, 0, 0, 0, 2], Counts(westGlamorgan));

        var westernBay = await Series("rpb:western-bay", "as-was");
        Assert.Equal("2019-03-31", westernBay.GetProperty("validTo").GetString());
        Assert.Equal(JsonValueKind.Null, westernBay.GetProperty("validFrom").ValueKind);
    }

    [Fact]
    public async Task Listings_show_the_footprints_of_today_of_a_day_asked_or_all_of_them_with_their_histories()
    {
        var today = (await _hub.Http.GetJson("/api/v1/footprints")).EnumerateArray().ToList();
        Assert.Contains(today, f => f.GetProperty("id").GetString() == "rpb:west-glamorgan");
        Assert.DoesNotContain(today, f => f.GetProperty("id").GetString() == "rpb:western-bay");
        Assert.Equal(13, today.Count(f => f.GetProperty("kind").GetString() == "psb"));
        Assert.Equal(["la:neath-port-talbot", "la:swansea"], Members(today.Single(f => f.GetProperty("id").GetString() == "apb:western-bay")));

        var in2018 = (await _hub.Http.GetJson("/api/v1/footprints?asOf=2018-06-01")).EnumerateArray().ToList();
        Assert.Contains(in2018, f => f.GetProperty("id").GetString() == "rpb:western-bay");
        Assert.DoesNotContain(in2018, f => f.GetProperty("id").GetString() == "rpb:west-glamorgan");
        Assert.Equal(19, in2018.Count(f => f.GetProperty("kind").GetString() == "psb"));
        var apb = in2018.Single(f => f.GetProperty("id").GetString() == "apb:western-bay");
        Assert.Equal(["la:bridgend", "la:neath-port-talbot", "la:swansea"], Members(apb));
        // Navigation among the footprints of that day: Bridgend sat inside Western Bay.
        var bridgend = in2018.Single(f => f.GetProperty("id").GetString() == "la:bridgend");
        Assert.Contains("apb:western-bay", bridgend.GetProperty("parents").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(3, (await _hub.Http.GetJson("/api/v1/footprints?asOf=2018-06-01&kind=rpb")).EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == "rpb:western-bay").GetProperty("members").GetArrayLength());

        var all = (await _hub.Http.GetJson("/api/v1/footprints?all=true")).EnumerateArray().ToList();
        Assert.True(all.Count > today.Count);
        var western = all.Single(f => f.GetProperty("id").GetString() == "rpb:western-bay");
        Assert.Equal("2019-03-31", western.GetProperty("validTo").GetString());
        Assert.Equal(["rpb:west-glamorgan", "rpb:cwm-taf-morgannwg"], western.GetProperty("replacedBy").EnumerateArray().Select(p => p.GetString()));
        var membership = all.Single(f => f.GetProperty("id").GetString() == "apb:western-bay").GetProperty("membership").EnumerateArray().ToList();
        Assert.Equal(2, membership.Count);
        Assert.Equal("2019-03-31", membership[0].GetProperty("to").GetString());
        Assert.Equal("2019-04-01", membership[1].GetProperty("from").GetString());
        Assert.True(all.Single(f => f.GetProperty("id").GetString() == "psb:gwent").GetProperty("datesAssumed").GetBoolean());
        Assert.Equal(5, all.Single(f => f.GetProperty("id").GetString() == "psb:gwent").GetProperty("replaces").GetArrayLength());
    }

    private static string[] Members(JsonElement footprint) =>
        footprint.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).Order().ToArray();

    [Fact]
    public async Task A_comparison_takes_the_footprints_of_the_kind_as_of_the_day_asked_on_the_boundaries_asked()
    {
        var now = await _hub.Http.GetJson("/api/v1/compare?kind=rpb&feed=crime&from=2018-01-01&to=2018-12-31");
        var then = await _hub.Http.GetJson("/api/v1/compare?kind=rpb&feed=crime&from=2018-01-01&to=2018-12-31&asOf=2018-06-01&boundaries=as-was");
        static Dictionary<string, long> Rows(JsonElement body) => body.GetProperty("rows").EnumerateArray()
            .Where(r => !r.GetProperty("isBenchmark").GetBoolean())
            .ToDictionary(r => r.GetProperty("footprint").GetString()!, r => r.GetProperty("count").GetInt64());

        Assert.Contains("rpb:west-glamorgan", Rows(now).Keys);
        Assert.DoesNotContain("rpb:western-bay", Rows(now).Keys);
        Assert.Equal(1, Rows(now)["rpb:west-glamorgan"]);
        Assert.Equal(5, Rows(now)["rpb:cwm-taf-morgannwg"]);

        Assert.Equal(5, Rows(then)["rpb:western-bay"]);
        Assert.Equal(1, Rows(then)["rpb:cwm-taf"]);
        Assert.DoesNotContain("rpb:west-glamorgan", Rows(then).Keys);
        Assert.Equal("as-was", then.GetProperty("boundaries").GetString());
        // The footprints of one day still cover Wales once.
        Assert.Equal(Rows(then).Values.Sum(), then.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("isBenchmark").GetBoolean()).GetProperty("count").GetInt64());
        // The rate is over the members of that time: Western Bay had Bridgend's population too.
        var westernBay = then.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("footprint").GetString() == "rpb:western-bay");
        var population = (await _hub.Http.GetJson("/api/v1/footprints?asOf=2018-06-01&kind=rpb")).EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == "rpb:western-bay").GetProperty("population").GetInt64();
        Assert.Equal(population, westernBay.GetProperty("population").GetInt64());
    }

    [Theory]
    [InlineData("/api/v1/footprints?asOf=2018-13-01", "asOf")]
    [InlineData("/api/v1/footprints?all=maybe", "all")]
    [InlineData("/api/v1/footprints?all=true&asOf=2018-06-01", "asOf")]
    [InlineData("/api/v1/footprints/rpb:western-bay?asOf=2020-01-01", "asOf")]
    [InlineData("/api/v1/footprints/rpb:western-bay/series?feed=crime&boundaries=sideways", "boundaries")]
    [InlineData("/api/v1/compare?kind=psb&feed=crime&asOf=2010-01-01", "asOf")]
    [InlineData("/api/v1/compare?kind=rpb&feed=crime&asOf=yesterday", "asOf")]
    [InlineData("/api/v1/public/footprints/rpb:western-bay/series?feed=crime&boundaries=as-was", "boundaries")]
    [InlineData("/api/v1/public/compare?kind=rpb&feed=crime&boundaries=as-was", "boundaries")]
    public async Task A_bad_date_or_boundary_is_a_400_naming_the_parameter(string path, string parameter)
    {
        using var response = await _hub.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(parameter, text, StringComparison.Ordinal);
    }
}
