using System.Text;
using AnalysisHub.Domain.Ingest;
using AnalysisHub.Domain.Tests.Support;
using CsCheck;

namespace AnalysisHub.Domain.Tests.Ingest;

/// <summary>
/// Generated bodies against both readers: valid rows with the framing real files vary in (BOMs, CRLF, blank
/// lines, quoting), and the same cut, spliced and salted with hostile pieces. A reader may refuse a body, but
/// never throws (the server would answer 500), and what it accepts is exactly what was sent.
/// </summary>
public class ReaderFuzzTests
{
    private static readonly string[] Categories = ["robbery", "burglary", "violence-with-injury", "shoplifting"];
    private static readonly string[] Times = ["2025-06-30T23:30:00Z", "2025-07-01T00:30:00+01:00", "2025-10-26T01:30:00", "2025-03-30 03:15"];
    private static readonly string[] Hostile =
    [
        "\uFEFF", "\r\n", "\n", "\"", "\"\"", ",", "{", "}", "[", "]", ":", "\\ud800", "\\u0000", "\u200B", "\u202E", "nul\0l",
        "123456789012345678901234567890", "1e999", "-0", "\"id\":\"dup\",\"id\":\"dup2\"", "\"version\":9223372036854775807",
        "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", new string('[', 100), new string('x', 20_000),
    ];

    private static readonly Gen<(string Id, string Time, string Category, long? Version)> Rows =
        Gen.Select(Gen.String["abcdefghij0123456789-_/ "].Where(s => s.Trim().Length == s.Length && s.Length is > 0 and <= 128),
            Gen.OneOf(Times), Gen.OneOf(Categories), Gen.Int[0, 9].Select(v => v == 0 ? (long?)null : v));

    private static readonly Gen<string> LineEnd = Gen.OneOf("\n", "\r\n");

    private static string Json((string Id, string Time, string Category, long? Version) r) =>
        $$"""{"id":"{{r.Id}}","occurredAt":"{{r.Time}}","area":"W06000015","category":"{{r.Category}}"{{(r.Version is { } v ? $",\"version\":{v}" : "")}}}""";

    private static string Csv((string Id, string Time, string Category, long? Version) r, bool quote) =>
        string.Join(',', new[] { r.Id, r.Time, "W06000015", r.Category, r.Version?.ToString() ?? "" }.Select(c => quote ? $"\"{c}\"" : c));

    private static readonly Gen<(List<(string, string, string, long?)> Rows, string[] Ends, bool Bom, bool Blank)> ValidBodies =
        Gen.Select(Rows.List[1, 20], LineEnd.Array[20], Gen.Bool, Gen.Bool);

    [Fact]
    public void Valid_ndjson_in_any_framing_reads_as_exactly_the_rows_sent()
    {
        ValidBodies.Sample(b =>
        {
            var body = new StringBuilder(b.Bom ? "\uFEFF" : "");
            for (var i = 0; i < b.Rows.Count; i++) body.Append(Json(b.Rows[i])).Append(b.Ends[i]).Append(b.Blank ? b.Ends[i] : "");
            var batch = NdjsonBatchReader.Read(Encoding.UTF8.GetBytes(body.ToString()), Reference.Validator(), 1000);

            Assert.True(batch.IsValid, string.Join(" | ", batch.Errors));
            Assert.Equal(b.Rows.Select(r => r.Item1), batch.Records.Select(r => r.Id));
            Assert.Equal(b.Rows.Select(r => r.Item4 ?? 0), batch.Records.Select(r => r.Entry.Version));
        });
    }

    [Fact]
    public void Valid_csv_in_any_framing_reads_as_exactly_the_rows_sent()
    {
        Gen.Select(ValidBodies, Gen.Bool, Gen.OneOf("id,occurredAt,area,category,version", "ID,OccurredAt,AREA,category,Version")).Sample((b, quote, header) =>
        {
            var body = new StringBuilder(b.Bom ? "\uFEFF" : "").Append(header).Append(b.Ends[0]);
            for (var i = 0; i < b.Rows.Count; i++) body.Append(Csv(b.Rows[i], quote)).Append(b.Ends[i]);
            if (b.Blank) body.Append(b.Ends[0]);
            var batch = CsvBatchReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(body.ToString())), Reference.Validator(), 1000);

            Assert.True(batch.IsValid, string.Join(" | ", batch.Errors));
            Assert.Equal(b.Rows.Select(r => r.Item1), batch.Records.Select(r => r.Id));
        });
    }

    /// <summary>A valid body, then cut at random, with hostile pieces and random bytes spliced in.</summary>
    private static readonly Gen<byte[]> HostileBodies = Gen.Select(ValidBodies, Gen.Int[0, 4], Gen.OneOf(Hostile).Array[0, 6],
        Gen.Int.Array[6], Gen.Byte.Array[0, 8], Gen.Int, (b, cut, pieces, at, noise, noiseAt) =>
        {
            var text = string.Concat(b.Rows.Select((r, i) => Json(r) + b.Ends[i]));
            if (cut > 0) text = text[..(text.Length * cut / 5)];
            for (var i = 0; i < pieces.Length; i++)
            {
                var position = (int)((uint)at[i] % (uint)(text.Length + 1));
                text = text.Insert(position, pieces[i]);
            }
            var bytes = Encoding.UTF8.GetBytes(text).ToList();
            bytes.InsertRange((int)((uint)noiseAt % (uint)(bytes.Count + 1)), noise);
            return bytes.ToArray();
        });

    [Fact]
    public void Hostile_bodies_are_refused_row_by_row_or_read_whole_and_never_throw()
    {
        HostileBodies.Sample(body =>
        {
            foreach (var (name, read) in new (string, Func<byte[], ParsedBatch>)[]
                     {
                         ("ndjson", bytes => NdjsonBatchReader.Read(bytes, Reference.Validator(), 1000)),
                         ("csv", bytes => CsvBatchReader.Read(new MemoryStream(bytes), Reference.Validator(), 1000)),
                     })
            {
                var batch = read(body);
                if (batch.IsValid) Assert.True(batch.Records.Count == batch.Rows, $"{name}: {batch.Records.Count} records of {batch.Rows} rows");
                else Assert.All(batch.Errors, e => Assert.True(e.Row >= 0 && e.Field.Length > 0 && e.Message.Length is > 0 and < 400,
                    $"{name}: {e}"));
                Assert.All(batch.Records, r => Assert.Null(RecordId.Problem(r.Id)));
            }
        }, iter: 2000, print: b => Convert.ToBase64String(b));
    }
}
