using System.Text;
using AnalysisHub.Cli.Csv;
using AnalysisHub.Cli.Ingest;
using CsCheck;

namespace AnalysisHub.Cli.Tests.Csv;

/// <summary>
/// Row splitting, field parsing and batching against a model: generated rows are written as RFC 4180 text with
/// mixed line ends, blank lines, an optional BOM and quoted line breaks; what is read back must be the rows, with
/// the line each starts on, cut into batches that respect the limits and keep every row exactly once, in order.
/// </summary>
public sealed class RowScannerPropertyTests
{
    private static readonly Gen<string> Field = Gen.OneOf(
        Gen.Const(""), Gen.String[Gen.Char["ab ,\"\n\ré;"], 0, 6], Gen.String[Gen.Char['a', 'z'], 1, 4]);

    // The first field starts with a letter, so no written row is blank (a blank line is not a row).
    private static readonly Gen<List<string>> Row =
        Gen.Select(Gen.String[Gen.Char['a', 'z'], 1, 3], Field.List[0, 4], (first, rest) => rest.Prepend(first).ToList());

    private sealed record Written(string Text, List<(List<string> Fields, int Line)> Rows);

    private static readonly Gen<Written> File =
        Gen.Select(Row.List[0, 30], Gen.Bool.Array[40], Gen.Int[0, 2].Array[40], Gen.Bool, Gen.Bool, (rows, crlf, blanks, bom, trailing) =>
        {
            var text = new StringBuilder(bom ? "\uFEFF" : "");
            var expected = new List<(List<string>, int)>();
            var line = 1;
            for (var i = 0; i < rows.Count; i++)
            {
                for (var b = 0; b < blanks[i]; b++, line++) text.Append(crlf[i] ? "\r\n" : "\n");
                var encoded = string.Join(",", rows[i].Select(CsvFields.Quote));
                expected.Add((rows[i], line));
                text.Append(encoded);
                line += encoded.Count(c => c == '\n');
                if (i < rows.Count - 1 || trailing)
                {
                    text.Append(crlf[i] ? "\r\n" : "\n");
                    line++;
                }
            }
            return new Written(text.ToString(), expected);
        });

    [Fact]
    public void Rows_and_their_lines_are_read_back_as_written()
    {
        File.Sample(written =>
        {
            var read = new RowScanner(new MemoryStream(Encoding.UTF8.GetBytes(written.Text)), csvQuotes: true).Rows()
                .Select(r => (Fields: CsvFields.Parse(Encoding.UTF8.GetString(r.Bytes.Span)), r.Line)).ToList();
            Assert.Equal(written.Rows.Count, read.Count);
            for (var i = 0; i < read.Count; i++)
            {
                Assert.Equal(written.Rows[i].Line, read[i].Line);
                Assert.Equal(written.Rows[i].Fields, read[i].Fields);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Every_byte_of_the_file_is_counted_once_for_progress()
    {
        File.Sample(written =>
        {
            var bytes = Encoding.UTF8.GetBytes(written.Text);
            var rows = new RowScanner(new MemoryStream(bytes), csvQuotes: true).Rows().Sum(r => (long)r.FileBytes);
            // The generated files have no blank lines after their last row, so every byte belongs to a row (a BOM to the first).
            Assert.Equal(written.Rows.Count == 0 ? 0 : bytes.Length, rows);
        }, iter: 1000);
    }

    [Fact]
    public void Batches_keep_every_row_once_in_order_within_their_limits_each_with_the_header()
    {
        Gen.Select(File, Gen.Int[1, 7], Gen.Int[20, 200]).Sample((written, maxRows, maxBytes) =>
        {
            var text = "id,rest\n" + written.Text.TrimStart('\uFEFF');
            var source = new InputSource("test.csv", null, "crime", RecordFormat.Csv);
            var batches = BatchMaker.Batches(source, new MemoryStream(Encoding.UTF8.GetBytes(text)), new BatchLimits { MaxRows = maxRows, MaxBytes = maxBytes }).ToList();

            var rows = new List<(List<string>, int)>();
            foreach (var batch in batches)
            {
                Assert.InRange(batch.Rows, 1, maxRows);
                var body = Encoding.UTF8.GetString(batch.Body);
                Assert.StartsWith("id,rest\n", body);
                var bodyRows = new RowScanner(new MemoryStream(batch.Body), csvQuotes: true).Rows().Skip(1)
                    .Select(r => CsvFields.Parse(Encoding.UTF8.GetString(r.Bytes.Span))).ToList();
                Assert.Equal(batch.Rows, bodyRows.Count);
                // A batch over the byte limit holds one row that is itself too large.
                if (batch.Body.Length - "id,rest\n".Length > maxBytes) Assert.Equal(1, batch.Rows);
                rows.AddRange(bodyRows.Zip(batch.Lines, (f, l) => (f, l)));
            }
            Assert.Equal(written.Rows.Count, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(written.Rows[i].Line + 1, rows[i].Item2);
                Assert.Equal(written.Rows[i].Fields, rows[i].Item1);
            }
        }, iter: 1000);
    }
}
