using Sylvan.Data.Csv;

namespace AnalysisHub.Domain.Ingest;

/// <summary>
/// Reads a <c>text/csv</c> body with the record's field names as columns (case-insensitive, RFC 4180 quoting,
/// UTF-8 BOM ignored). An empty cell is an absent field; flags are separated by <c>;</c>.
/// </summary>
public static class CsvBatchReader
{
    public static ParsedBatch Read(Stream body, RecordValidator validator, int maxRows)
    {
        var batch = new ParsedBatch();
        using var text = new StreamReader(body, detectEncodingFromByteOrderMarks: true);
        CsvDataReader reader;
        try
        {
            reader = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
        }
        catch (CsvMissingHeadersException)
        {
            return batch; // an empty body: no rows
        }
        using (reader)
        {
            var columns = new string[reader.FieldCount];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = reader.GetName(i).Trim();
                if (!RecordFields.All.Contains(columns[i], StringComparer.OrdinalIgnoreCase))
                    batch.Errors.Add(new(0, columns[i], "is not a field of the record contract (header)"));
            }
            foreach (var dup in columns.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                batch.Errors.Add(new(0, dup.Key, "appears more than once in the header"));
            if (batch.Errors.Count > 0) return batch;

            var raw = new RawRecord();
            var row = 0;
            while (reader.Read())
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
}
