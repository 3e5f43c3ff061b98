using System.Text;
using System.Text.Unicode;
using Sylvan.Data.Csv;

namespace AnalysisHub.Domain.Ingest;

/// <summary>
/// Reads a <c>text/csv</c> body with the record's field names as columns (case-insensitive, RFC 4180 quoting,
/// UTF-8 BOM ignored). An empty cell is an absent field; flags are separated by <c>;</c>. A body that is not
/// UTF-8, or not CSV (an unterminated quote, a row longer than <see cref="MaxRowChars"/>), is a row error.
/// </summary>
public static class CsvBatchReader
{
    /// <summary>The longest row read: far beyond any record (an id is at most 128 characters).</summary>
    public const int MaxRowChars = 64 * 1024;

    // Never substitutes: invalid bytes are found before decoding, and a substitution would merge distinct ids.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ParsedBatch Read(Stream body, RecordValidator validator, int maxRows)
    {
        if (body is MemoryStream memory && memory.TryGetBuffer(out var buffer))
            return Read(buffer[(int)memory.Position..], validator, maxRows);
        var copy = new MemoryStream();
        body.CopyTo(copy);
        return Read(new ArraySegment<byte>(copy.GetBuffer(), 0, (int)copy.Length), validator, maxRows);
    }

    public static ParsedBatch Read(ArraySegment<byte> body, RecordValidator validator, int maxRows)
    {
        var batch = new ParsedBatch();
        if (!Utf8.IsValid(body))
        {
            var line = LineOfFirstInvalidByte(body);
            batch.Errors.Add(new(line, "(row)", $"line {line + 1} of the body is not valid UTF-8"));
            return batch;
        }
        using var text = new StreamReader(new MemoryStream(body.Array!, body.Offset, body.Count, writable: false), StrictUtf8, detectEncodingFromByteOrderMarks: true);
        CsvDataReader reader;
        try
        {
            reader = CsvDataReader.Create(text, new CsvDataReaderOptions
            {
                HasHeaders = true, Delimiter = ',', MaxBufferSize = MaxRowChars,
            });
        }
        catch (CsvMissingHeadersException)
        {
            return batch; // an empty body: no rows
        }
        catch (CsvRecordTooLargeException)
        {
            // Sylvan fills its buffer while reading the header: the header or the row after it is too long.
            batch.Errors.Add(new(1, "(row)", $"the header or row 1 is longer than {MaxRowChars:N0} characters"));
            return batch;
        }
        catch (FormatException)
        {
            batch.Errors.Add(new(0, "(header)", "is not a CSV header: a quote is not closed, or a character stands where it may not"));
            return batch;
        }
        using (reader)
        {
            var columns = new string[reader.FieldCount];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = reader.GetName(i).Trim();
                if (columns[i].Length == 0)
                    batch.Errors.Add(new(0, "(header)", $"column {i + 1} has no name"));
                else if (!RecordFields.All.Contains(columns[i], StringComparer.OrdinalIgnoreCase))
                    batch.Errors.Add(new(0, columns[i].Length == 0 ? "\"\"" : columns[i], "is not a field of the record contract (header)"));
            }
            foreach (var dup in columns.Where(c => c.Length > 0).GroupBy(c => c, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                batch.Errors.Add(new(0, dup.Key, "appears more than once in the header"));
            if (batch.Errors.Count > 0) return batch;

            var raw = new RawRecord();
            var row = 0;
            while (TryRead(reader, row, batch))
            {
                // A blank line (e.g. a trailing newline) is not a row, as in NDJSON.
                if (reader.RowFieldCount <= 1 && reader.GetString(0).Length == 0) continue;
                if (++row > maxRows)
                {
                    batch.TooManyRows = true;
                    row = maxRows;
                    break;
                }
                raw.Reset();
                if (reader.RowFieldCount > columns.Length)
                    raw.AddReadError("(row)", $"has {reader.RowFieldCount} cells but the header has {columns.Length}");
                for (var i = 0; i < Math.Min(columns.Length, reader.RowFieldCount); i++)
                {
                    var value = reader.GetString(i);
                    if (value.Length > 0) RecordFields.TrySet(raw, columns[i], value, ';');
                }
                if (validator.Validate(raw, row, batch.Errors) is { } record) batch.Records.Add(record);
            }
            batch.Rows = row;
        }
        return batch;
    }

    /// <summary>Reads the next row; false at the end, or (with an error for the row) when the rest is not CSV.</summary>
    private static bool TryRead(CsvDataReader reader, int rowsSoFar, ParsedBatch batch)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvRecordTooLargeException)
        {
            batch.Errors.Add(new(rowsSoFar + 1, "(row)", $"is longer than {MaxRowChars:N0} characters"));
        }
        catch (FormatException)
        {
            // Sylvan's CsvFormatException (an unterminated quote, a stray quote): nothing after it can be trusted.
            batch.Errors.Add(new(rowsSoFar + 1, "(row)", "is not valid CSV: a quote is not closed, or a character stands where it may not"));
        }
        return false;
    }

    /// <summary>The 0-based line (the header is line 0, so data row n is line n when no cell spans lines).</summary>
    private static int LineOfFirstInvalidByte(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (offset < body.Length)
        {
            if (System.Buffers.OperationStatus.InvalidData == System.Text.Rune.DecodeFromUtf8(body[offset..], out _, out var consumed)) break;
            offset += consumed;
        }
        return body[..offset].Count((byte)'\n');
    }
}
