using System.Text;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Ingest;
using AnalysisHub.Domain.Records;
using AnalysisHub.Domain.Tests.Support;
using static AnalysisHub.Domain.Tests.Support.Dates;

namespace AnalysisHub.Domain.Tests.Ingest;

public class NdjsonBatchReaderTests
{
    private const string Valid =
        """{"id": "r1", "occurredAt": "2025-06-30T23:30:00Z", "area": "W06000015", "category": "violence-with-injury", "flags": ["domestic", "alcohol"], "version": 2}""";

    private static ParsedBatch Read(string body, int maxRows = 1000, string feed = "crime") =>
        NdjsonBatchReader.Read(Encoding.UTF8.GetBytes(body), Reference.Validator(feed), maxRows);

    /// <summary>One row with the given properties added to (or replacing) the valid row's.</summary>
    private static string Row(string[] properties) =>
        "{" + string.Join(", ", properties) + "}";

    private static ParsedBatch ReadOne(string json)
    {
        var batch = Read(json);
        Assert.Equal(1, batch.Rows);
        return batch;
    }

    private static RecordEntry ValidEntry(string json)
    {
        var batch = ReadOne(json);
        Assert.True(batch.IsValid, string.Join(" | ", batch.Errors));
        return Assert.Single(batch.Records).Entry;
    }

    private static RowError SingleError(string json)
    {
        var batch = ReadOne(json);
        Assert.Empty(batch.Records);
        return Assert.Single(batch.Errors);
    }

    /// <summary>The valid row with one piece of text replaced (which must be there).</summary>
    private static string With(string old, string @new)
    {
        Assert.Contains(old, Valid, StringComparison.Ordinal);
        return Valid.Replace(old, @new, StringComparison.Ordinal);
    }

    private static long Ms(string utc) => Utc(utc).ToUnixTimeMilliseconds();

    [Fact]
    public void Valid_row_is_normalised()
    {
        var batch = ReadOne(Valid);

        Assert.True(batch.IsValid);
        Assert.False(batch.TooManyRows);
        var record = Assert.Single(batch.Records);
        Assert.Equal("r1", record.Id);
        var e = record.Entry;
        Assert.Equal(Reference.Feed("crime").Index, e.Feed);
        Assert.Equal(2, e.Version);
        Assert.Equal(RecordStatus.Active, e.Status);
        Assert.Equal(RecordPrecision.Instant, e.Time.Precision);
        Assert.Equal(Ms("2025-06-30T23:30:00Z"), e.Time.Value);
        Assert.Equal(Reference.AuthorityIndex("la:cardiff"), e.Authority);
        Assert.Equal(Reference.CategoryIndex("crime", "violence-with-injury"), e.Category);
        Assert.Equal(Reference.FlagMask("domestic", "alcohol"), e.Flags);
    }

    [Fact]
    public void Several_valid_rows_are_kept_in_order()
    {
        var batch = Read(string.Join("\n",
            """{"id": "a", "occurredAt": "2025-07-01T10:00:00Z", "area": "W06000015", "category": "robbery"}""",
            """{"id": "b", "occurredAt": "2025-07-01T11:00:00Z", "area": "W06000016", "category": "sexual-offences"}""",
            """{"id": "c", "occurredAt": "2025-07-01T12:00:00Z", "area": "W01001780", "category": "violence-and-sexual-offences"}""") + "\n");

        Assert.True(batch.IsValid, string.Join(" | ", batch.Errors));
        Assert.Equal(3, batch.Rows);
        Assert.Equal(["a", "b", "c"], batch.Records.Select(r => r.Id));
        Assert.All(batch.Records, r => Assert.Equal(0, r.Entry.Version));
        Assert.All(batch.Records, r => Assert.Equal(0u, r.Entry.Flags));
    }

    [Fact]
    public void Lsoa_area_is_mapped_to_its_authority()
    {
        var e = ValidEntry("""{"id": "a", "occurredAt": "2025-07-01T10:00:00Z", "area": "W01001780", "category": "robbery"}""");

        Assert.Equal(Reference.AuthorityIndex("la:cardiff"), e.Authority);
    }

    [Fact]
    public void Blank_lines_are_not_rows()
    {
        var body = "\n" + Valid + "\n\n   \n\t\r\n" +
                   """{"id": "b", "occurredAt": "2025-07-01T10:00:00Z", "area": "W06999999", "category": "robbery"}""" + "\n\n" +
                   """{"id": "c", "occurredAt": "2025-07-01T10:00:00Z", "area": "W06000015", "category": "nope"}""" + "\n";

        var batch = Read(body);

        Assert.Equal(3, batch.Rows);
        Assert.Equal([(2, "area"), (3, "category")], batch.Errors.Select(e => (e.Row, e.Field)));
    }

    [Fact]
    public void Crlf_line_endings_and_a_bom_are_accepted()
    {
        var body = "\uFEFF" + Valid + "\r\n" + With("\"r1\"", "\"r2\"") + "\r\n";

        var batch = Read(body);

        Assert.True(batch.IsValid, string.Join(" | ", batch.Errors));
        Assert.Equal(["r1", "r2"], batch.Records.Select(r => r.Id));
    }

    [Fact]
    public void Empty_body_has_no_rows()
    {
        var batch = Read("");

        Assert.True(batch.IsValid);
        Assert.Equal(0, batch.Rows);
        Assert.Empty(batch.Records);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("dateOfBirth")]
    [InlineData("Area")] // field names are the contract's, exactly
    public void Unknown_field_is_an_error_naming_the_field(string field)
    {
        var error = SingleError(Valid.TrimEnd('}') + $", \"{field}\": \"x\"}}");

        Assert.Equal(1, error.Row);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Unknown_field_is_an_error_even_when_its_value_is_null()
    {
        // "Unknown fields are an error, not silently dropped" (feeds.md).
        var batch = ReadOne(Valid.TrimEnd('}') + ", \"name\": null}");

        Assert.Contains(batch.Errors, e => e.Field == "name");
        Assert.Empty(batch.Records);
    }

    [Fact]
    public void Several_bad_fields_in_one_row_give_one_error_per_field()
    {
        var batch = ReadOne(Row([
            "\"id\": \"r1\"", "\"occurredAt\": \"2025-02-30T10:00:00Z\"", "\"area\": \"W06999999\"",
            "\"category\": \"nope\"", "\"flags\": [\"domestic\", \"nope\"]", "\"version\": 0", "\"status\": \"deleted\"",
            "\"precision\": \"week\"",
        ]));

        Assert.Empty(batch.Records);
        Assert.All(batch.Errors, e => Assert.Equal(1, e.Row));
        Assert.Equal(
            ["area", "category", "flags", "occurredAt", "precision", "status", "version"],
            batch.Errors.Select(e => e.Field).Order());
        Assert.All(batch.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Theory]
    [InlineData("area", "\"W06999999\"")]
    [InlineData("area", "\"Cardiff\"")]
    [InlineData("area", "\"W14000015\"")]
    [InlineData("category", "\"asb-personal\"")] // a category of another feed
    [InlineData("category", "\"Robbery\"")]
    [InlineData("flags", "[\"weapon\"]")]
    [InlineData("flags", "[\"Domestic\"]")]
    [InlineData("flags", "\"domestic\"")]
    [InlineData("flags", "[1]")]
    [InlineData("area", "15")]
    [InlineData("category", "{}")]
    [InlineData("status", "\"deleted\"")]
    [InlineData("precision", "\"week\"")]
    public void Unknown_or_mistyped_value_is_an_error_on_its_field(string field, string json)
    {
        var row = With(
            field switch
            {
                "area" => "\"area\": \"W06000015\"",
                "category" => "\"category\": \"violence-with-injury\"",
                "flags" => "\"flags\": [\"domestic\", \"alcohol\"]",
                _ => "\"version\": 2",
            },
            field is "status" or "precision" ? $"\"version\": 2, \"{field}\": {json}" : $"\"{field}\": {json}");

        var batch = ReadOne(row);

        Assert.Empty(batch.Records);
        Assert.NotEmpty(batch.Errors);
        Assert.All(batch.Errors, e => Assert.Equal((1, field), (e.Row, e.Field)));
    }

    [Theory]
    [InlineData("\"area\": \"W06000015\"", "\"area\": 15", "area")]
    [InlineData("\"id\": \"r1\"", "\"id\": 12", "id")]
    [InlineData("\"category\": \"violence-with-injury\"", "\"category\": true", "category")]
    public void Mistyped_field_gives_one_error_for_that_field(string good, string bad, string field)
    {
        // feeds.md: "one entry per bad field"; a wrong JSON type is one bad field, not also a missing one.
        var batch = ReadOne(With(good, bad));

        var error = Assert.Single(batch.Errors);
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"abc\"")]
    [InlineData("\"2\"")]
    [InlineData("true")]
    public void Version_must_be_an_integer_of_at_least_one(string version)
    {
        var error = SingleError(With("\"version\": 2", $"\"version\": {version}"));

        Assert.Equal("version", error.Field);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("42", 42)]
    [InlineData("null", 0)]
    public void Version_is_read_and_missing_means_zero(string version, long expected)
    {
        var e = ValidEntry(With("\"version\": 2", $"\"version\": {version}"));

        Assert.Equal(expected, e.Version);
    }

    [Theory]
    [InlineData("2025-06-30T23:30:00Z")]
    [InlineData("2025-06-30T23:30:00.000Z")]
    [InlineData("2025-06-30T23:30Z")]
    [InlineData("2025-07-01T00:30:00+01:00")]
    [InlineData("2025-06-30T20:30:00-03:00")]
    [InlineData("2025-06-30 23:30:00Z")]
    [InlineData("2025-07-01T00:30:00")]      // local time without offset: Europe/London (BST)
    [InlineData("2025-07-01T00:30")]
    [InlineData("2025-07-01 00:30:00")]
    [InlineData("2025-07-01 00:30")]
    public void Occurred_at_with_or_without_offset_is_the_same_instant(string occurredAt)
    {
        var e = ValidEntry(With("2025-06-30T23:30:00Z", occurredAt));

        Assert.Equal(Ms("2025-06-30T23:30:00Z"), e.Time.Value);
    }

    [Theory]
    [InlineData("2025-01-15T12:00:00", "2025-01-15T12:00:00Z")] // GMT
    [InlineData("2025-10-26T01:30:00", "2025-10-26T00:30:00Z")] // ambiguous: the first (BST) occurrence
    [InlineData("2025-03-30T02:30:00", "2025-03-30T01:30:00Z")]
    public void Local_time_without_offset_is_read_as_Europe_London(string local, string utc)
    {
        var e = ValidEntry(With("2025-06-30T23:30:00Z", local));

        Assert.Equal(Ms(utc), e.Time.Value);
    }

    [Theory]
    [InlineData("2025-03-30T01:30:00")]
    [InlineData("2025-03-30T01:00:00")]
    [InlineData("2025-03-30 01:59")]
    public void Local_time_skipped_by_the_clocks_is_rejected(string local)
    {
        var error = SingleError(With("2025-06-30T23:30:00Z", local));

        Assert.Equal("occurredAt", error.Field);
    }

    [Theory]
    [InlineData("30/06/2025 23:30")]
    [InlineData("2025-06-31T10:00:00Z")]
    [InlineData("2025-06-30T25:00:00Z")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("1989-12-31T23:59:59Z")]
    [InlineData("2025-12-16T12:00:01Z")] // more than a day ahead of the clock (2025-12-15T12:00Z)
    [InlineData("2025-12-17T00:00:00Z")]
    [InlineData("2025-12-17")]
    public void Malformed_or_out_of_range_time_is_rejected(string occurredAt)
    {
        var error = SingleError(With("2025-06-30T23:30:00Z", occurredAt));

        Assert.Equal("occurredAt", error.Field);
    }

    [Theory]
    [InlineData("2025-12-16T12:00:00Z")] // exactly a day ahead of the clock (2025-12-15T12:00Z)
    [InlineData("2025-12-16T11:59:00Z")]
    [InlineData("1990-01-01T00:00:00Z")]
    public void Time_from_1990_to_a_day_ahead_of_the_clock_is_accepted(string occurredAt)
    {
        var e = ValidEntry(With("2025-06-30T23:30:00Z", occurredAt));

        Assert.Equal(Ms(occurredAt), e.Time.Value);
    }

    [Fact]
    public void Date_only_occurred_at_is_rejected_for_instant_precision()
    {
        var error = SingleError(With("2025-06-30T23:30:00Z", "2025-07-01"));

        Assert.Equal("occurredAt", error.Field);
    }

    [Theory]
    [InlineData("2025-07-01")]
    [InlineData("2025-06-30T23:30:00Z")] // a precise time known only to the day counts on its local day
    [InlineData("2025-07-01T00:30:00")]
    public void Day_precision_keeps_the_local_day(string occurredAt)
    {
        var e = ValidEntry(With("2025-06-30T23:30:00Z", occurredAt)
            .Replace("\"version\": 2", "\"version\": 2, \"precision\": \"day\"", StringComparison.Ordinal));

        Assert.Equal(RecordPrecision.Day, e.Time.Precision);
        Assert.Equal(D("2025-07-01").DayNumber, e.Time.Value);
    }

    [Theory]
    [InlineData("2025-07")]
    [InlineData("2025-07-01")]
    [InlineData("2025-07-31")]
    [InlineData("2025-06-30T23:30:00Z")] // local day 1 July
    public void Month_precision_keeps_the_local_month(string occurredAt)
    {
        var e = ValidEntry(With("2025-06-30T23:30:00Z", occurredAt)
            .Replace("\"version\": 2", "\"version\": 2, \"precision\": \"month\"", StringComparison.Ordinal));

        Assert.Equal(RecordPrecision.Month, e.Time.Precision);
        Assert.Equal(MonthIndex.Of(D("2025-07-01")), e.Time.Value);
    }

    [Theory]
    [InlineData("instant")]
    [InlineData("day")]
    public void Year_and_month_alone_need_month_precision(string precision)
    {
        var error = SingleError(With("2025-06-30T23:30:00Z", "2025-07")
            .Replace("\"version\": 2", $"\"version\": 2, \"precision\": \"{precision}\"", StringComparison.Ordinal));

        Assert.Equal("occurredAt", error.Field);
    }

    [Theory]
    [InlineData("""{"id": "r1", "status": "cancelled"}""", 0)]
    [InlineData("""{"id": "r1", "status": "cancelled", "version": 3}""", 3)]
    [InlineData("""{"id": "r1", "status": "cancelled", "version": 3, "area": "W06000015"}""", 3)]
    public void Cancellation_needs_only_its_id(string json, long version)
    {
        var batch = ReadOne(json);

        Assert.True(batch.IsValid, string.Join(" | ", batch.Errors));
        var record = Assert.Single(batch.Records);
        Assert.Equal("r1", record.Id);
        Assert.Equal(RecordStatus.Cancelled, record.Entry.Status);
        Assert.Equal(version, record.Entry.Version);
        Assert.False(record.Entry.Counts);
        Assert.False(record.Entry.HasContent);
    }

    [Fact]
    public void Cancellation_with_full_content_keeps_it()
    {
        var e = ValidEntry(With("\"version\": 2", "\"version\": 3, \"status\": \"cancelled\""));

        Assert.Equal(RecordStatus.Cancelled, e.Status);
        Assert.True(e.HasContent);
        Assert.False(e.Counts);
        Assert.Equal(Reference.AuthorityIndex("la:cardiff"), e.Authority);
    }

    [Theory]
    [InlineData("""{"id": "r1", "status": "cancelled", "area": "W06999999"}""", "area")]
    [InlineData("""{"id": "r1", "status": "cancelled", "category": "nope"}""", "category")]
    [InlineData("""{"id": "r1", "status": "cancelled", "version": 0}""", "version")]
    [InlineData("""{"status": "cancelled", "version": 2}""", "id")]
    public void Cancellation_fields_that_are_present_are_still_validated(string json, string field)
    {
        Assert.Equal(field, SingleError(json).Field);
    }

    [Fact]
    public void Active_row_needs_id_time_area_and_category()
    {
        var batch = ReadOne("""{"flags": ["domestic"]}""");

        Assert.Equal(["area", "category", "id", "occurredAt"], batch.Errors.Select(e => e.Field).Order());
        Assert.Empty(batch.Records);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(128)]
    public void Id_of_up_to_128_characters_is_accepted(int length)
    {
        var id = new string('x', length);
        var batch = ReadOne(With("\"r1\"", $"\"{id}\""));

        Assert.Equal(id, Assert.Single(batch.Records).Id);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"a\\u0001b\"")]
    [InlineData("\"a\\nb\"")]
    public void Empty_or_control_character_or_non_string_id_is_rejected(string id)
    {
        Assert.Equal("id", SingleError(With("\"r1\"", id)).Field);
    }

    [Fact]
    public void Id_longer_than_128_characters_is_rejected()
    {
        var error = SingleError(With("\"r1\"", $"\"{new string('x', 129)}\""));

        Assert.Equal("id", error.Field);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{\"id\": ")]
    [InlineData("not json")]
    [InlineData("{\"id\": \"r1\"} {\"id\": \"r2\"}")]
    public void Line_that_is_not_one_json_object_is_an_error(string line)
    {
        var batch = ReadOne(line);

        Assert.Empty(batch.Records);
        Assert.Contains(batch.Errors, e => e.Row == 1 && e.Field == "(row)");
    }

    [Fact]
    public void Null_value_of_a_known_field_is_absent()
    {
        var e = ValidEntry(With("[\"domestic\", \"alcohol\"]", "null"));

        Assert.Equal(0u, e.Flags);
    }

    [Fact]
    public void Category_is_checked_against_the_validators_feed()
    {
        var row = """{"id": "i1", "occurredAt": "2025-07-01T10:00:00Z", "area": "W06000015", "category": "asb-personal"}""";

        var incidents = Read(row, feed: "incidents");
        Assert.True(incidents.IsValid);
        Assert.Equal(Reference.Feed("incidents").Index, Assert.Single(incidents.Records).Entry.Feed);

        Assert.Equal("category", Assert.Single(Read(row, feed: "crime").Errors).Field);
    }

    [Fact]
    public void More_rows_than_allowed_sets_too_many_rows()
    {
        var body = string.Join("\n", Enumerable.Range(1, 5).Select(i => With("\"r1\"", $"\"r{i}\"")));

        var batch = Read(body, maxRows: 3);

        Assert.True(batch.TooManyRows);
        Assert.Equal(3, batch.Rows);
    }

    [Fact]
    public void Exactly_the_allowed_number_of_rows_is_not_too_many()
    {
        var body = string.Join("\n\n", Enumerable.Range(1, 3).Select(i => With("\"r1\"", $"\"r{i}\"")));

        var batch = Read(body, maxRows: 3);

        Assert.False(batch.TooManyRows);
        Assert.Equal(3, batch.Rows);
        Assert.Equal(3, batch.Records.Count);
    }
}
