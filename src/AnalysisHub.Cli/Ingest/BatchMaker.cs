using AnalysisHub.Cli.Csv;
using AnalysisHub.Cli.PoliceUk;

namespace AnalysisHub.Cli.Ingest;

/// <summary>
/// Cuts a source into request bodies of at most <see cref="BatchLimits.MaxRows"/> rows and about
/// <see cref="BatchLimits.MaxBytes"/> bytes (a single larger row still goes, alone). A CSV batch repeats the
/// file's header, so each request stands alone.
/// </summary>
public static class BatchMaker
{
    public static IEnumerable<PreparedBatch> Batches(InputSource source, Stream stream, BatchLimits limits)
    {
        var csv = source.Format == RecordFormat.Csv;
        byte[]? header = null;
        var headerLine = 0;
        var body = new MemoryStream();
        var lines = new List<int>();
        long sourceBytes = 0;

        foreach (var row in new RowScanner(stream, csvQuotes: csv).Rows())
        {
            if (csv && header is null)
            {
                header = row.Bytes.ToArray();
                headerLine = row.Line;
                sourceBytes += row.FileBytes;
                // Posted as it is, a street file only earns a dozen header errors: say what reads it.
                if (StreetColumns.From(CsvFields.Parse(System.Text.Encoding.UTF8.GetString(header)), out _) is not null)
                    throw HubCommandException.Usage($"{source.Name} is a data.police.uk street file: load it with 'hub import police-uk {source.Name}'");
                continue;
            }
            if (lines.Count > 0 && (lines.Count >= limits.MaxRows || body.Length + row.Bytes.Length + 1 > limits.MaxBytes))
            {
                yield return Take();
            }
            if (lines.Count == 0 && header is not null)
            {
                body.Write(header);
                body.WriteByte((byte)'\n');
            }
            body.Write(row.Bytes.Span);
            body.WriteByte((byte)'\n');
            lines.Add(row.Line);
            sourceBytes += row.FileBytes;
        }
        if (lines.Count > 0) yield return Take();

        PreparedBatch Take()
        {
            var batch = new PreparedBatch(source, source.Feed, source.Format.MediaType(), body.ToArray(), lines.ToArray(), sourceBytes, headerLine);
            body.SetLength(0);
            lines.Clear();
            sourceBytes = 0;
            return batch;
        }
    }
}
