using System.Text;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Ingest;
using AnalysisHub.Domain.Records;
using AnalysisHub.Domain.Tests.Support;
using static AnalysisHub.Domain.Tests.Support.Dates;

namespace AnalysisHub.Domain.Tests.Ingest;

public class CsvBatchReaderTests
{
    private const string Header = "id,occurredAt,area,category,flags,version,status,precision";

    private static ParsedBatch Read(string body, int maxRows = 1000, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        if (bom) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        return CsvBatchReader.Read(new MemoryStream(bytes), Reference.Validator(), maxRows);
    }

    private static ParsedBatch ReadValid(string body, bool bom = false)
    {
        var batch = Read(body, bom: bom);
        Assert.True(batch.IsValid, string.Join(" | ", batch.Errors));
        return batch;
    }

    private static long Ms(string utc) => Utc(utc).ToUnixTimeMilliseconds();

    [Fact]
    public void Valid_rows_are_normalised()
    {
        var batch = ReadValid(Header + "\n" +
                              "r1,2025-06-30T23:30:00Z,W06000015,violence-with-injury,domestic;alcohol,2,active,instant\n" +
                              "r2,2025-07-01T00:30:00,W01001780,robbery,,,,\n");

        Assert.Equal(2, batch.Rows);
        Assert.False(batch.TooManyRows);
        Assert.Equal(["r1", "r2"], batch.Records.Select(r => r.Id));
        var first = batch.Records[0].Entry;
        Assert.Equal(Ms("2025-06-30T23:30:00Z"), first.Time.Value);
        Assert.Equal(Reference.AuthorityIndex("la:cardiff"), first.Authority);
        Assert.Equal(Reference.CategoryIndex("crime", "violence-with-injury"), first.Category);
        Assert.Equal(Reference.FlagMask("domestic", "alcohol"), first.Flags);
        Assert.Equal(2, first.Version);
        var second = batch.Records[1].Entry;
        Assert.Equal(Ms("2025-06-30T23:30:00Z"), second.Time.Value); // local time read as Europe/London
        Assert.Equal(Reference.AuthorityIndex("la:cardiff"), second.Authority);
        Assert.Equal(0, second.Version);
        Assert.Equal(0u, second.Flags);
        Assert.Equal(RecordStatus.Active, second.Status);
        Assert.Equal(RecordPrecision.Instant, second.Time.Precision);
    }

    [Theory]
    [InlineData("ID,OCCURREDAT,AREA,CATEGORY,FLAGS")]
    [InlineData("Id,OccurredAt,Area,Category,Flags")]
    [InlineData("flags,category,area,occurredat,id")]
    public void Header_names_are_matched_case_insensitively_in_any_order(string header)
    {
        var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = "r1", ["occurredAt"] = "2025-06-30T23:30:00Z", ["area"] = "W06000015",
            ["category"] = "robbery", ["flags"] = "hate",
        };
        var row = string.Join(",", header.Split(',').Select(h => cells[h]));

        var record = Assert.Single(ReadValid(header + "\n" + row + "\n").Records);

        Assert.Equal("r1", record.Id);
        Assert.Equal(Reference.FlagMask("hate"), record.Entry.Flags);
        Assert.Equal(Reference.CategoryIndex("crime", "robbery"), record.Entry.Category);
    }

    [Fact]
    public void Utf8_bom_is_ignored()
    {
        var batch = ReadValid("id,occurredAt,area,category\nr1,2025-06-30T23:30:00Z,W06000015,robbery\n", bom: true);

        Assert.Equal("r1", Assert.Single(batch.Records).Id);
    }

    [Theory]
    [InlineData("\"r,1\"", "r,1")]
    [InlineData("\"r\"\"1\"", "r\"1")]
    [InlineData("\"r1\"", "r1")]
    public void Quoted_cell_follows_rfc_4180(string cell, string id)
    {
        var batch = ReadValid($"id,occurredAt,area,category\n{cell},2025-06-30T23:30:00Z,W06000015,robbery\n");

        Assert.Equal(id, Assert.Single(batch.Records).Id);
    }

    [Fact]
    public void Quoted_flags_cell_may_contain_a_comma_free_list()
    {
        var batch = ReadValid("id,flags,occurredAt,area,category\nr1,\"domestic;alcohol\",2025-06-30T23:30:00Z,W06000015,robbery\n");

        Assert.Equal(Reference.FlagMask("domestic", "alcohol"), Assert.Single(batch.Records).Entry.Flags);
    }

    [Theory]
    [InlineData("domestic;alcohol")]
    [InlineData("alcohol;domestic")]
    [InlineData("domestic ; alcohol")]
    [InlineData("domestic;alcohol;")]
    [InlineData("domestic;;alcohol")]
    public void Flags_are_separated_by_semicolons(string flags)
    {
        var batch = ReadValid($"id,occurredAt,area,category,flags\nr1,2025-06-30T23:30:00Z,W06000015,robbery,{flags}\n");

        Assert.Equal(Reference.FlagMask("domestic", "alcohol"), Assert.Single(batch.Records).Entry.Flags);
    }

    [Fact]
    public void Unknown_flag_in_a_list_is_an_error()
    {
        var batch = Read("id,occurredAt,area,category,flags\nr1,2025-06-30T23:30:00Z,W06000015,robbery,domestic;weapon\n");

        var error = Assert.Single(batch.Errors);
        Assert.Equal((1, "flags"), (error.Row, error.Field));
        Assert.Contains("weapon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_cell_is_an_absent_field()
    {
        var batch = ReadValid(Header + "\nr1,2025-06-30T23:30:00Z,W06000015,robbery,,,,\n");

        var e = Assert.Single(batch.Records).Entry;
        Assert.Equal(0, e.Version);
        Assert.Equal(0u, e.Flags);
        Assert.Equal(RecordStatus.Active, e.Status);
        Assert.Equal(RecordPrecision.Instant, e.Time.Precision);
    }

    [Fact]
    public void Cancellation_row_needs_only_id_and_version()
    {
        var batch = ReadValid(Header + "\nr1,,,,,3,cancelled,\n");

        var record = Assert.Single(batch.Records);
        Assert.Equal("r1", record.Id);
        Assert.Equal(RecordStatus.Cancelled, record.Entry.Status);
        Assert.Equal(3, record.Entry.Version);
        Assert.False(record.Entry.HasContent);
    }

    [Fact]
    public void Active_row_with_empty_required_cells_reports_each_of_them()
    {
        var batch = Read(Header + "\nr1,,,,,,,\n");

        Assert.Empty(batch.Records);
        Assert.Equal(["area", "category", "occurredAt"], batch.Errors.Select(e => e.Field).Order());
        Assert.All(batch.Errors, e => Assert.Equal(1, e.Row));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("postcode")]
    [InlineData("occurred_at")]
    public void Unknown_header_column_is_an_error_on_row_0(string column)
    {
        var batch = Read($"id,occurredAt,area,category,{column}\nr1,2025-06-30T23:30:00Z,W06000015,robbery,x\n");

        var error = Assert.Single(batch.Errors);
        Assert.Equal(0, error.Row);
        Assert.Equal(column, error.Field);
        Assert.Empty(batch.Records);
        Assert.Equal(0, batch.Rows);
    }

    [Fact]
    public void Header_is_not_a_row_so_errors_count_data_rows_from_1()
    {
        var batch = Read("id,occurredAt,area,category\n" +
                         "r1,2025-06-30T23:30:00Z,W06000015,robbery\n" +
                         "r2,2025-06-30T23:30:00Z,W06999999,robbery\n" +
                         "r3,2025-06-30T23:30:00Z,W06000015,nope\n");

        Assert.Equal(3, batch.Rows);
        Assert.Equal([(2, "area"), (3, "category")], batch.Errors.Select(e => (e.Row, e.Field)));
    }

    [Fact]
    public void Several_bad_cells_in_one_row_give_one_error_per_field()
    {
        var batch = Read(Header + "\nr1,2025-03-30T01:30:00,W06999999,nope,weapon,0,deleted,week\n");

        Assert.Equal(
            ["area", "category", "flags", "occurredAt", "precision", "status", "version"],
            batch.Errors.Select(e => e.Field).Order());
        Assert.All(batch.Errors, e => Assert.Equal(1, e.Row));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("-2")]
    [InlineData("1.0")]
    [InlineData(" 2")]
    public void Version_must_be_an_integer_of_at_least_one(string version)
    {
        var batch = Read($"id,occurredAt,area,category,version\nr1,2025-06-30T23:30:00Z,W06000015,robbery,\"{version}\"\n");

        Assert.Equal("version", Assert.Single(batch.Errors).Field);
    }

    [Fact]
    public void Skipped_local_time_is_rejected()
    {
        var batch = Read("id,occurredAt,area,category\nr1,2025-03-30T01:30:00,W06000015,robbery\n");

        Assert.Equal("occurredAt", Assert.Single(batch.Errors).Field);
    }

    [Theory]
    [InlineData("2025-07-01", "instant", false)]
    [InlineData("2025-07-01", "day", true)]
    [InlineData("2025-07-01", "month", true)]
    [InlineData("2025-07", "month", true)]
    [InlineData("2025-07", "day", false)]
    [InlineData("2025-07", "", false)]
    public void Date_only_and_month_only_times_need_a_coarser_precision(string occurredAt, string precision, bool valid)
    {
        var batch = Read($"id,occurredAt,area,category,precision\nr1,{occurredAt},W06000015,robbery,{precision}\n");

        Assert.Equal(valid, batch.IsValid);
        if (!valid) Assert.Equal("occurredAt", Assert.Single(batch.Errors).Field);
        else if (precision == "day") Assert.Equal(D("2025-07-01").DayNumber, Assert.Single(batch.Records).Entry.Time.Value);
        else Assert.Equal(MonthIndex.Of(D("2025-07-01")), Assert.Single(batch.Records).Entry.Time.Value);
    }

    [Fact]
    public void Crlf_line_endings_and_no_trailing_newline_are_accepted()
    {
        var batch = ReadValid("id,occurredAt,area,category\r\n" +
                              "r1,2025-06-30T23:30:00Z,W06000015,robbery\r\n" +
                              "r2,2025-06-30T23:30:00Z,W06000015,robbery");

        Assert.Equal(2, batch.Rows);
        Assert.Equal(["r1", "r2"], batch.Records.Select(r => r.Id));
    }

    [Fact]
    public void Row_with_more_cells_than_the_header_is_an_error()
    {
        var batch = Read("id,occurredAt,area,category\nr1,2025-06-30T23:30:00Z,W06000015,robbery,extra\n");

        Assert.Empty(batch.Records);
        Assert.Contains(batch.Errors, e => e.Row == 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("id,occurredAt,area,category\n")]
    public void Body_without_data_rows_has_no_rows(string body)
    {
        var batch = ReadValid(body);

        Assert.Equal(0, batch.Rows);
        Assert.Empty(batch.Records);
    }

    [Fact]
    public void More_rows_than_allowed_sets_too_many_rows()
    {
        var body = "id,occurredAt,area,category\n" +
                   string.Concat(Enumerable.Range(1, 5).Select(i => $"r{i},2025-06-30T23:30:00Z,W06000015,robbery\n"));

        var batch = Read(body, maxRows: 3);

        Assert.True(batch.TooManyRows);
        Assert.Equal(3, batch.Rows);
    }

    [Fact]
    public void Exactly_the_allowed_number_of_rows_is_not_too_many()
    {
        var body = "id,occurredAt,area,category\n" +
                   string.Concat(Enumerable.Range(1, 3).Select(i => $"r{i},2025-06-30T23:30:00Z,W06000015,robbery\n"));

        var batch = Read(body, maxRows: 3);

        Assert.False(batch.TooManyRows);
        Assert.Equal(3, batch.Rows);
        Assert.Equal(3, batch.Records.Count);
    }
}
