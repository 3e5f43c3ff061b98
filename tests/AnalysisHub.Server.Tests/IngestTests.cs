using System.Net;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests;

/// <summary>Ingest through the real server: re-sends, corrections, cancellations, validation.</summary>
[Collection(SharedHubCollection.Name)]
public sealed class IngestTests(SharedHub shared)
{
    private HttpClient Http => shared.Http;

    [Fact]
    public async Task Ingested_record_counts_in_its_authority_and_every_footprint_containing_it()
    {
        var counts = await Http.IngestNdjson("crime", Record("i1-1", "2001-03-04T12:00:00Z", "W06000016", "violence-with-injury"));
        Assert.Equal(new Counts(1, 0, 0, 0, 0), counts);

        foreach (var footprint in new[] { "la:rhondda-cynon-taf", "csp:cwm-taf", "psb:cwm-taf-morgannwg", "rpb:cwm-taf-morgannwg",
                     "apb:cwm-taf-morgannwg", "force:south-wales", "nation:wales" })
            await Http.EventuallyTotal(1, footprint, "crime", "2001-01-01", "2001-12-31");
        Assert.Equal(0, await Http.Total("la:merthyr-tydfil", "crime", "2001-01-01", "2001-12-31"));
        Assert.Equal(0, await Http.Total("force:gwent", "crime", "2001-01-01", "2001-12-31"));
    }

    [Fact]
    public async Task Resending_a_batch_counts_its_rows_as_duplicates_and_changes_nothing()
    {
        string[] batch = [Record("i2-1", "2002-05-01T10:00:00Z", "W06000015", "robbery"), Record("i2-2", "2002-05-02T10:00:00Z", "W06000015", "robbery")];
        Assert.Equal(new Counts(2, 0, 0, 0, 0), await Http.IngestNdjson("crime", batch));
        Assert.Equal(new Counts(0, 0, 2, 0, 0), await Http.IngestNdjson("crime", batch));
        await Http.EventuallyTotal(2, "nation:wales", "crime", "2002-01-01", "2002-12-31");
    }

    [Fact]
    public async Task Higher_version_moves_the_record_in_every_cell_it_touched()
    {
        await Http.IngestNdjson("crime", Record("i3-1", "2003-02-01T10:00:00Z", "W06000015", "robbery", version: 1));
        await Http.EventuallyTotal(1, "rpb:cardiff-and-vale", "crime", "2003-01-01", "2003-12-31", "robbery");

        // Category, area and day all change.
        var counts = await Http.IngestNdjson("crime", Record("i3-1", "2003-08-09T10:00:00Z", "W06000001", "homicide", version: 2));
        Assert.Equal(new Counts(0, 1, 0, 0, 0), counts);
        await Http.EventuallyTotal(1, "force:north-wales", "crime", "2003-01-01", "2003-12-31", "homicide");
        await Http.EventuallyTotal(0, "rpb:cardiff-and-vale", "crime", "2003-01-01", "2003-12-31");
        Assert.Equal(0, await Http.Total("nation:wales", "crime", "2003-01-01", "2003-12-31", "robbery"));
        Assert.Equal(1, await Http.Total("nation:wales", "crime", "2003-08-01", "2003-08-31"));
    }

    [Fact]
    public async Task Lower_version_is_stale_and_ignored()
    {
        await Http.IngestNdjson("crime", Record("i4-1", "2004-02-01T10:00:00Z", "W06000015", "robbery", version: 5));
        var counts = await Http.IngestNdjson("crime", Record("i4-1", "2004-02-01T10:00:00Z", "W06000002", "robbery", version: 4));
        Assert.Equal(new Counts(0, 0, 0, 1, 0), counts);
        await Http.EventuallyTotal(1, "la:cardiff", "crime", "2004-01-01", "2004-12-31");
        Assert.Equal(0, await Http.Total("la:gwynedd", "crime", "2004-01-01", "2004-12-31"));
    }

    [Fact]
    public async Task Cancelled_record_stops_counting_everywhere_and_a_late_original_cannot_revive_it()
    {
        await Http.IngestNdjson("ed-assaults", Record("i5-1", "2005-02-01T10:00:00Z", "W06000011", "means-knife-or-sharp", version: 1));
        await Http.EventuallyTotal(1, "nation:wales", "ed-assaults", "2005-01-01", "2005-12-31");

        Assert.Equal(new Counts(0, 0, 0, 0, 1), await Http.IngestNdjson("ed-assaults", "{\"id\":\"i5-1\",\"status\":\"cancelled\",\"version\":2}"));
        await Http.EventuallyTotal(0, "nation:wales", "ed-assaults", "2005-01-01", "2005-12-31");
        Assert.Equal(0, await Http.Total("rpb:west-glamorgan", "ed-assaults", "2005-01-01", "2005-12-31"));

        var late = await Http.IngestNdjson("ed-assaults", Record("i5-1", "2005-02-01T10:00:00Z", "W06000011", "means-knife-or-sharp", version: 1));
        Assert.Equal(new Counts(0, 0, 0, 1, 0), late);
        var revived = await Http.IngestNdjson("ed-assaults", Record("i5-1", "2005-02-01T10:00:00Z", "W06000011", "means-knife-or-sharp", version: 3));
        Assert.Equal(new Counts(0, 1, 0, 0, 0), revived);
        await Http.EventuallyTotal(1, "nation:wales", "ed-assaults", "2005-01-01", "2005-12-31");
    }

    [Fact]
    public async Task Without_versions_the_latest_arrival_wins()
    {
        await Http.IngestNdjson("calls", Record("i6-1", "2006-02-01T10:00:00Z", "W06000015", "crime", flags: "channel-999"));
        var counts = await Http.IngestNdjson("calls", Record("i6-1", "2006-02-01T10:00:00Z", "W06000015", "transport", flags: "channel-101"));
        Assert.Equal(new Counts(0, 1, 0, 0, 0), counts);
        await Http.EventuallyTotal(1, "la:cardiff", "calls", "2006-01-01", "2006-12-31", "transport");
        Assert.Equal(0, await Http.Total("la:cardiff", "calls", "2006-01-01", "2006-12-31", "crime"));
    }

    [Fact]
    public async Task Rows_apply_in_order_within_a_batch()
    {
        var counts = await Http.IngestNdjson("crime",
            Record("i7-1", "2007-02-01T10:00:00Z", "W06000015", "robbery", version: 1),
            Record("i7-1", "2007-02-01T10:00:00Z", "W06000015", "robbery", version: 1),
            Record("i7-1", "2007-03-01T10:00:00Z", "W06000015", "robbery", version: 2),
            Record("i7-1", "2007-04-01T10:00:00Z", "W06000015", "robbery", version: 1),
            "{\"id\":\"i7-2\",\"status\":\"cancelled\"}");
        Assert.Equal(new Counts(1, 1, 1, 1, 1), counts);
        await Http.EventuallyTotal(1, "nation:wales", "crime", "2007-03-01", "2007-03-31");
        Assert.Equal(1, await Http.Total("nation:wales", "crime", "2007-01-01", "2007-12-31"));
    }

    [Fact]
    public async Task Any_invalid_row_rejects_the_whole_batch_with_an_error_per_bad_field()
    {
        var response = await Http.PostNdjson("crime", string.Join('\n',
            Record("i8-1", "2008-02-01T10:00:00Z", "W06000015", "robbery"),
            "",
            Record("i8-2", "2008-13-01T10:00:00Z", "W99999999", "robbery"),
            "{\"id\":\"i8-3\",\"occurredAt\":\"2008-02-01T10:00:00Z\",\"area\":\"W06000015\",\"category\":\"nonsense\",\"name\":\"x\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        // Row numbers count data rows only: the blank line is not a row.
        Assert.Equal(
            new HashSet<(int, string?)> { (2, "occurredAt"), (2, "area"), (3, "name"), (3, "category") },
            errors.ToHashSet());
        Assert.Equal(4, errors.Count);

        // Nothing applied: the valid first row does not count.
        await Task.Delay(300);
        Assert.Equal(0, await Http.Total("nation:wales", "crime", "2008-01-01", "2008-12-31"));
    }

    [Fact]
    public async Task Csv_batches_use_the_same_fields_with_quoting_and_semicolon_flags()
    {
        var csv = "\uFEFFID,OccurredAt,Area,Category,Flags,Version\n" +
                  "i9-1,2009-07-01T00:30:00,W06000015,violence-with-injury,\"alcohol;night-time-economy\",1\n" +
                  "\"i9,2\",2009-07-01T12:00:00Z,W01001780,violence-with-injury,,\n";
        var response = await Http.PostCsv("crime", csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Http.EventuallyTotal(2, "la:cardiff", "crime", "2009-01-01", "2009-12-31", "violence-against-the-person");
        var withFlags = await Http.GetJson("/api/v1/footprints/la:cardiff/series?feed=crime&from=2009-07-01&to=2009-07-01&granularity=day&flag=alcohol&flag=night-time-economy");
        Assert.Equal(1, withFlags.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Unknown_feed_is_404_and_other_media_types_are_415()
    {
        var unknown = await Http.PostNdjson("burglaries", Record("x", "2010-01-01T00:00:00Z", "W06000015", "robbery"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("burglaries", await unknown.Content.ReadAsStringAsync());

        var json = await Http.PostAsync("/api/v1/feeds/crime/records", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_batch_of_200000_rows_is_accepted()
    {
        var lines = Enumerable.Range(0, 200_000).Select(i =>
            Record($"i10-{i}", $"2010-{1 + i % 12:D2}-{1 + i % 28:D2}T{i % 24:D2}:00:00Z", $"W06000{new[] { "001", "015", "016", "024", "022" }[i % 5]}",
                "violence-with-injury", flags: "alcohol,night-time-economy,under-25", version: 1));
        var body = string.Join('\n', lines);
        Assert.True(body.Length > 25_000_000);
        var response = await Http.PostNdjson("crime", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Http.EventuallyTotal(200_000, "nation:wales", "crime", "2010-01-01", "2010-12-31");
    }
}
