namespace AnalysisHub.Cli.Csv;

// Implementation note: rows are found on bytes, not decoded text, so a file goes to the hub as it was written
// (the hub validates UTF-8 itself and reports bad bytes with their row) and a million-row file costs one pass
// without a string per row. Quote tracking is only needed for CSV: a JSON string cannot hold a raw line feed.

/// <summary>
/// Splits a stream into rows: at each line feed, except, in CSV, inside double quotes (RFC 4180: a quoted field
/// may hold line breaks, and <c>""</c> is a quote inside one). Drops a leading UTF-8 BOM, a carriage return
/// before a line feed, and blank lines (whose lines are still counted).
/// </summary>
public sealed class RowScanner(Stream stream, bool csvQuotes)
{
    private const int InitialBuffer = 1 << 20;

    public IEnumerable<ScannedRow> Rows()
    {
        var buffer = new byte[InitialBuffer];
        int start = 0, end = 0, scan = 0;
        var inQuotes = false;
        var line = 1;
        var newlinesInRow = 0;
        var eof = false;
        var first = true;
        var skippedBlankBytes = 0;

        while (true)
        {
            var found = -1;
            for (var i = scan; i < end; i++)
            {
                var b = buffer[i];
                if (b == (byte)'"' && csvQuotes) inQuotes = !inQuotes;
                else if (b == (byte)'\n')
                {
                    if (!inQuotes)
                    {
                        found = i;
                        break;
                    }
                    newlinesInRow++;
                }
            }

            if (found < 0)
            {
                if (eof)
                {
                    if (start < end)
                    {
                        var last = Trim(buffer, start, end);
                        if (!IsBlank(last.Span)) yield return new ScannedRow(last, line, end - start + skippedBlankBytes);
                    }
                    yield break;
                }
                // Keep the unfinished row: move it to the front, or grow the buffer when it fills it.
                scan = end;
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    (scan, end, start) = (scan - start, end - start, 0);
                }
                else if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0) eof = true;
                end += read;
                if (first && end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    start = scan = 3;
                    skippedBlankBytes += 3;
                }
                if (first && (end >= 3 || eof)) first = false;
                continue;
            }

            var row = Trim(buffer, start, found);
            var taken = found + 1 - start;
            if (IsBlank(row.Span)) skippedBlankBytes += taken;
            else
            {
                yield return new ScannedRow(row, line, taken + skippedBlankBytes);
                skippedBlankBytes = 0;
            }
            line += 1 + newlinesInRow;
            newlinesInRow = 0;
            start = scan = found + 1;
        }
    }

    private static ReadOnlyMemory<byte> Trim(byte[] buffer, int start, int end)
    {
        if (end > start && buffer[end - 1] == (byte)'\r') end--;
        return buffer.AsMemory(start, end - start);
    }

    private static bool IsBlank(ReadOnlySpan<byte> row)
    {
        foreach (var b in row)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
        return true;
    }
}
