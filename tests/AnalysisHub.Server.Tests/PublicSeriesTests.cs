using System.Text.Json;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>The public series through the real server (public-safety incidents in Powys in 1991, used by no other test).</summary>
[Collection(SharedHubCollection.Name)]
public sealed class PublicSeriesTests(SharedHub shared)
{
    private HttpClient Http => shared.Http;

    private const string Query = "feed=incidents&category=public-safety-and-welfare&from=1991-01-01&to=1991-06-30";

    /// <summary>January 12, February 3, March 0, April 7, May 1, June 20 — and one record known only to June.</summary>
    private Task IngestOnce() => shared.SeedOnceAsync(nameof(PublicSeriesTests), async () =>
    {
        int[] perMonth = [12, 3, 0, 7, 1, 20];
        var rows = perMonth.SelectMany((n, m) => Enumerable.Range(0, n)
            .Select(i => Record($"pser-{m}-{i}", $"1991-{m + 1:D2}-{1 + i:D2}T12:00:00Z", "W06000023", "public-safety-and-welfare"))).ToList();
        rows.Add("{\"id\":\"pser-month\",\"occurredAt\":\"1991-06\",\"precision\":\"month\",\"area\":\"W06000023\",\"category\":\"public-safety-and-welfare\"}");
        await Http.IngestNdjson("incidents", [.. rows]);
        await Http.EventuallyTotal(44, "la:powys", "incidents", "1991-01-01", "1991-12-31", "public-safety-and-welfare");
    });

    [Fact]
    public async Task Small_counts_show_as_less_than_five_with_no_rate_and_the_total_is_withheld()
    {
        await IngestOnce();
        var body = await Http.GetJson($"/api/v1/public/footprints/la:powys/series?{Query}");
        var points = body.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("period").GetString()!);

        foreach (var month in new[] { "1991-02", "1991-05" })
        {
            Assert.Equal("<5", points[month].GetProperty("count").GetString());
            Assert.True(points[month].GetProperty("suppressed").GetBoolean());
            Assert.Equal(JsonValueKind.Null, points[month].GetProperty("ratePer100k").ValueKind);
            Assert.Equal(JsonValueKind.Null, points[month].GetProperty("ci95").ValueKind);
        }
        Assert.Equal(12, points["1991-01"].GetProperty("count").GetInt64());
        Assert.Equal(12 / 133174.0 * 100_000, points["1991-01"].GetProperty("ratePer100k").GetDouble(), 9);
        Assert.Equal(0, points["1991-03"].GetProperty("count").GetInt64());
        Assert.False(points["1991-03"].GetProperty("suppressed").GetBoolean());
        Assert.True(points["1991-04"].GetProperty("unreliable").GetBoolean());
        Assert.False(points["1991-06"].GetProperty("unreliable").GetBoolean());
        Assert.Equal(21, points["1991-06"].GetProperty("count").GetInt64()); // the month-precision record counts in its month

        Assert.Equal(JsonValueKind.Null, body.GetProperty("total").ValueKind);
        Assert.True(body.GetProperty("totalWithheld").GetBoolean());
        Assert.Contains("<5", body.GetProperty("disclosureControl").GetString(), StringComparison.Ordinal);
        Assert.Equal("la:powys", body.GetProperty("footprint").GetString());
        Assert.Equal("month", body.GetProperty("granularity").GetString());
        Assert.Equal(133174, body.GetProperty("population").GetInt64());
    }

    [Fact]
    public async Task The_partner_series_of_the_same_data_is_unsuppressed()
    {
        await IngestOnce();
        var body = await Http.GetJson($"/api/v1/footprints/la:powys/series?{Query}");
        var counts = body.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("count").GetInt64()).ToList();
        Assert.Equal([12, 3, 0, 7, 1, 21], counts);
        Assert.Equal(44, body.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_series_with_nothing_withheld_shows_its_total_and_the_month_precision_count_is_disclosed_alone()
    {
        await IngestOnce();
        // January, March and April only: 12 + 0 + 7, nothing withheld. Weeks leave the June month-precision record out: 1 → "<5".
        var body = await Http.GetJson("/api/v1/public/footprints/W06000023/series?feed=incidents&category=public-safety-and-welfare&from=1991-03-01&to=1991-04-30");
        Assert.Equal(7, body.GetProperty("total").GetInt64());
        Assert.False(body.GetProperty("totalWithheld").GetBoolean());
        var weeks = await Http.GetJson("/api/v1/public/footprints/la:powys/series?feed=incidents&category=public-safety-and-welfare&from=1991-06-01&to=1991-06-30&granularity=week");
        Assert.Equal("<5", weeks.GetProperty("excludedMonthPrecision").GetString());
        Assert.True(weeks.GetProperty("excludedMonthPrecisionSuppressed").GetBoolean());
    }

    [Fact]
    public async Task No_withheld_count_of_a_public_series_can_be_recovered_from_the_other_numbers()
    {
        await IngestOnce();
        foreach (var granularity in new[] { "month", "quarter", "week", "day" })
        {
            var body = await Http.GetJson($"/api/v1/public/footprints/la:powys/series?{Query}&granularity={granularity}");
            var parts = body.GetProperty("points").EnumerateArray().Select(p => PublicRecovery.Shown(p.GetProperty("count"))).ToList();
            // The one sum a series shows: its total over its periods.
            PublicRecovery.AssertNothingRecoverable($"{granularity} total", PublicRecovery.Shown(body.GetProperty("total")), parts);
        }
    }

    [Fact]
    public async Task A_withheld_count_taking_another_value_leaves_the_public_series_unchanged()
    {
        await IngestOnce();
        const string path = "/api/v1/public/footprints/la:powys/series?feed=incidents&category=public-safety-and-welfare&from=1991-07-01&to=1991-09-30";
        await Http.IngestNdjson("incidents", Enumerable.Range(0, 10).Select(i => Record($"pser-q3-{i}", $"1991-07-{1 + i:D2}T12:00:00Z", "W06000023", "public-safety-and-welfare"))
            .Append(Record("pser-q3-aug-1", "1991-08-05T12:00:00Z", "W06000023", "public-safety-and-welfare")).ToArray());
        await Http.EventuallyTotal(11, "la:powys", "incidents", "1991-07-01", "1991-09-30", "public-safety-and-welfare");
        var before = (await Http.GetJson(path)).GetRawText();

        // August goes from 1 to 3: the public series must read exactly the same, so it cannot say which.
        await Http.IngestNdjson("incidents",
            Record("pser-q3-aug-2", "1991-08-06T12:00:00Z", "W06000023", "public-safety-and-welfare"),
            Record("pser-q3-aug-3", "1991-08-07T12:00:00Z", "W06000023", "public-safety-and-welfare"));
        await Http.EventuallyTotal(13, "la:powys", "incidents", "1991-07-01", "1991-09-30", "public-safety-and-welfare");

        Assert.Equal(before, (await Http.GetJson(path)).GetRawText());
        Assert.Contains("\"<5\"", before, StringComparison.Ordinal);
    }
}
