using System.Text.Json;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>The public time profile through the real server (transport incidents in Pembrokeshire in 1994, used by no other test).</summary>
[Collection(SharedHubCollection.Name)]
public sealed class PublicProfileTests(SharedHub shared)
{
    private HttpClient Http => shared.Http;

    private static string Path(string month, string prefix = "/api/v1/public") =>
        $"{prefix}/footprints/la:pembrokeshire/profile?feed=incidents&category=transport&from=1994-{month}-01&to=1994-{month}-28";

    private static IEnumerable<string> Records(string prefix, int n, string utc) =>
        Enumerable.Range(0, n).Select(i => Record($"pprof-{prefix}-{i}", utc, "W06000009", "transport"));

    /// <summary>
    /// July 1994 (BST): Friday 1st 22:00 × 6, Saturday 2nd 23:00 × 2, Sunday 3rd 02:00 × 1, Monday 4th 09:00 × 5.
    /// August: Friday 5th 22:00 × 5 only.
    /// </summary>
    private Task IngestOnce() => shared.SeedOnceAsync(nameof(PublicProfileTests), async () =>
    {
        await Http.IngestNdjson("incidents",
        [
            .. Records("fri", 6, "1994-07-01T21:00:00Z"), .. Records("sat", 2, "1994-07-02T22:00:00Z"),
            .. Records("sun", 1, "1994-07-03T01:00:00Z"), .. Records("mon", 5, "1994-07-04T08:00:00Z"),
            .. Records("aug", 5, "1994-08-05T21:00:00Z"),
        ]);
        await Http.EventuallyTotal(19, "la:pembrokeshire", "incidents", "1994-01-01", "1994-12-31", "transport");
    });

    private static Dictionary<string, JsonElement> Days(JsonElement body) =>
        body.GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("day").GetString()!);

    [Fact]
    public async Task Small_hours_show_as_less_than_five_and_the_total_is_withheld()
    {
        await IngestOnce();
        var body = await Http.GetJson(Path("07"));
        var days = Days(body);
        Assert.Equal(6, days["friday"].GetProperty("hours")[22].GetInt64());
        Assert.Equal(5, days["monday"].GetProperty("hours")[9].GetInt64());
        Assert.Equal("<5", days["saturday"].GetProperty("hours")[23].GetString());
        Assert.True(days["saturday"].GetProperty("suppressed")[23].GetBoolean());
        Assert.Equal("<5", days["sunday"].GetProperty("hours")[2].GetString());
        Assert.Equal(0, days["sunday"].GetProperty("hours")[3].GetInt64());
        Assert.False(days["sunday"].GetProperty("suppressed")[3].GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("total").ValueKind);
        Assert.True(body.GetProperty("totalWithheld").GetBoolean());
        Assert.Equal("1994-07-31", body.GetProperty("to").GetString());
        Assert.Equal("Europe/London", body.GetProperty("timeZone").GetString());
        Assert.Contains("<5", body.GetProperty("disclosureControl").GetString(), StringComparison.Ordinal);

        var august = await Http.GetJson(Path("08"));
        Assert.Equal(5, august.GetProperty("total").GetInt64());
        Assert.False(august.GetProperty("totalWithheld").GetBoolean());
    }

    [Fact]
    public async Task The_partner_profile_of_the_same_data_is_unsuppressed()
    {
        await IngestOnce();
        var body = await Http.GetJson(Path("07", "/api/v1"));
        Assert.Equal(2, Days(body)["saturday"].GetProperty("hours")[23].GetInt64());
        Assert.Equal(14, body.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task No_withheld_hour_of_a_public_profile_can_be_recovered_from_the_other_numbers()
    {
        await IngestOnce();
        foreach (var month in new[] { "07", "08" })
        {
            var body = await Http.GetJson(Path(month));
            var hours = body.GetProperty("days").EnumerateArray()
                .SelectMany(d => d.GetProperty("hours").EnumerateArray().Select(PublicRecovery.Shown)).ToList();
            Assert.Equal(7 * 24, hours.Count);
            // The one sum a profile shows: its total over its 168 hours.
            PublicRecovery.AssertNothingRecoverable($"1994-{month} total", PublicRecovery.Shown(body.GetProperty("total")), hours);
        }
    }

    [Fact]
    public async Task A_withheld_hour_taking_another_value_leaves_the_public_profile_unchanged()
    {
        await IngestOnce();
        // September 1994: Friday 2nd 22:00 × 7, Saturday 3rd 23:00 × 2 — then a third on that Saturday night.
        await Http.IngestNdjson("incidents", [.. Records("sep-fri", 7, "1994-09-02T21:00:00Z"), .. Records("sep-sat", 2, "1994-09-03T22:00:00Z")]);
        await Http.EventuallyTotal(9, "la:pembrokeshire", "incidents", "1994-09-01", "1994-09-30", "transport");
        var before = (await Http.GetJson(Path("09"))).GetRawText();

        await Http.IngestNdjson("incidents", Record("pprof-sep-sat-2", "1994-09-03T22:30:00Z", "W06000009", "transport"));
        await Http.EventuallyTotal(10, "la:pembrokeshire", "incidents", "1994-09-01", "1994-09-30", "transport");

        Assert.Equal(before, (await Http.GetJson(Path("09"))).GetRawText());
    }
}
