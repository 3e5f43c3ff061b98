using System.Net;
using System.Text.Json;
using static AnalysisHub.Server.Tests.HubApi;

namespace AnalysisHub.Server.Tests.Access;

/// <summary>
/// A writer whose key is limited to footprints writes inside them only: a row outside, or a correction or
/// cancellation of a stored record outside, refuses the whole batch with 403 naming each row, and nothing is applied.
/// </summary>
[Collection(AccessHubCollection.Name)]
public sealed class FootprintLimitTests(AccessHub shared)
{
    private const string Cardiff = "W06000015", Swansea = "W06000011";

    private async Task<HttpClient> CardiffWriterAsync() =>
        shared.Client((await shared.CreateKeyAsync("Cardiff council", ["ingest:crime"], ["la:cardiff"])).Secret);

    private static async Task<int[]> RefusedRowsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()).ToArray();
    }

    [Fact]
    public async Task Rows_inside_the_footprint_are_accepted()
    {
        var writer = await CardiffWriterAsync();
        await writer.IngestNdjson("crime", Record("fl-in-1", "2019-02-01T10:00:00Z", Cardiff, "robbery"));
        await shared.Admin.EventuallyTotal(1, "la:cardiff", "crime", "2019-02-01", "2019-02-28");
    }

    [Fact]
    public async Task A_batch_with_a_row_outside_is_refused_whole_naming_that_row()
    {
        var writer = await CardiffWriterAsync();
        var response = await writer.PostNdjson("crime", string.Join('\n',
            Record("fl-mix-1", "2019-03-01T10:00:00Z", Cardiff, "robbery"),
            Record("fl-mix-2", "2019-03-01T10:00:00Z", Swansea, "robbery"),
            Record("fl-mix-3", "2019-03-01T10:00:00Z", Cardiff, "robbery")));
        Assert.Equal(new[] { 2 }, await RefusedRowsAsync(response));
        Assert.Equal(0, await shared.Admin.Total("nation:wales", "crime", "2019-03-01", "2019-03-31"));
    }

    [Fact]
    public async Task Rows_are_validated_before_the_footprints_are_checked()
    {
        var writer = await CardiffWriterAsync();
        var response = await writer.PostNdjson("crime", string.Join('\n',
            Record("fl-bad-1", "2019-04-01T10:00:00Z", Swansea, "robbery"),
            Record("fl-bad-2", "2019-04-01T10:00:00Z", Cardiff, "no-such-category")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_correction_into_the_footprint_of_a_record_stored_outside_it_is_refused()
    {
        await shared.Admin.IngestNdjson("crime", Record("fl-move-1", "2019-05-01T10:00:00Z", Swansea, "robbery", version: 1));
        var writer = await CardiffWriterAsync();
        var response = await writer.PostNdjson("crime", Record("fl-move-1", "2019-05-01T10:00:00Z", Cardiff, "robbery", version: 2));
        Assert.Equal(new[] { 1 }, await RefusedRowsAsync(response));
        await shared.Admin.EventuallyTotal(1, "la:swansea", "crime", "2019-05-01", "2019-05-31");
        Assert.Equal(0, await shared.Admin.Total("la:cardiff", "crime", "2019-05-01", "2019-05-31"));
    }

    [Fact]
    public async Task A_cancellation_by_id_of_a_record_stored_outside_it_is_refused()
    {
        await shared.Admin.IngestNdjson("crime", Record("fl-cancel-1", "2019-06-01T10:00:00Z", Swansea, "robbery"));
        var writer = await CardiffWriterAsync();
        var response = await writer.PostNdjson("crime", """{"id":"fl-cancel-1","status":"cancelled","version":2}""");
        Assert.Equal(new[] { 1 }, await RefusedRowsAsync(response));
        await shared.Admin.EventuallyTotal(1, "la:swansea", "crime", "2019-06-01", "2019-06-30");
    }

    [Fact]
    public async Task A_cancellation_by_id_of_a_record_not_stored_is_refused_so_it_cannot_block_another_areas_record()
    {
        var writer = await CardiffWriterAsync();
        var response = await writer.PostNdjson("crime", """{"id":"fl-unknown-1","status":"cancelled","version":9}""");
        Assert.Equal(new[] { 1 }, await RefusedRowsAsync(response));
        // The real record, sent later by its own force, is counted.
        await shared.Admin.IngestNdjson("crime", Record("fl-unknown-1", "2019-07-01T10:00:00Z", Swansea, "robbery"));
        await shared.Admin.EventuallyTotal(1, "la:swansea", "crime", "2019-07-01", "2019-07-31");
    }

    [Fact]
    public async Task A_cancellation_by_id_of_a_record_stored_inside_is_applied()
    {
        await shared.Admin.IngestNdjson("crime", Record("fl-own-1", "2019-08-01T10:00:00Z", Cardiff, "robbery"));
        await shared.Admin.EventuallyTotal(1, "la:cardiff", "crime", "2019-08-01", "2019-08-31");
        var writer = await CardiffWriterAsync();
        var counts = await writer.IngestNdjson("crime", """{"id":"fl-own-1","status":"cancelled","version":2}""");
        Assert.Equal(1, counts.Cancelled);
        await shared.Admin.EventuallyTotal(0, "la:cardiff", "crime", "2019-08-01", "2019-08-31");
    }

    [Fact]
    public async Task A_key_limited_to_a_footprint_writes_in_every_member_authority()
    {
        var (_, secret) = await shared.CreateKeyAsync("South Wales Police", ["ingest:crime"], ["force:south-wales"]);
        var counts = await shared.Client(secret).IngestNdjson("crime",
            Record("fl-force-1", "2019-09-01T10:00:00Z", Cardiff, "robbery"), Record("fl-force-2", "2019-09-01T10:00:00Z", Swansea, "robbery"));
        Assert.Equal(2, counts.Accepted);
        var refused = await shared.Client(secret).PostNdjson("crime", Record("fl-force-3", "2019-09-01T10:00:00Z", "W06000001", "robbery"));
        Assert.Equal(new[] { 1 }, await RefusedRowsAsync(refused)); // Isle of Anglesey: North Wales Police
    }
}
