using AnalysisHub.Cli.Ingest;

namespace AnalysisHub.Cli.PoliceUk;

/// <summary>
/// Cuts a file's records into batches per feed, in file order, never between two rows of one id: the rows of
/// a repeated Crime ID are decided in the order the file gives them, even with several uploads in flight.
/// </summary>
public static class StreetBatches
{
    public static IEnumerable<PreparedBatch> Cut(string fileName, IReadOnlyList<StreetRecord> records, BatchLimits limits)
    {
        foreach (var feed in records.Select(r => r.Feed).Distinct().Order(StringComparer.Ordinal))
        {
            var rows = records.Where(r => r.Feed == feed).ToList();
            var last = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < rows.Count; i++) last[rows[i].Id] = i;

            var source = new InputSource(fileName, null, feed, RecordFormat.Ndjson);
            var start = 0;
            var reach = -1;
            long bytes = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                reach = Math.Max(reach, last[rows[i].Id]);
                bytes += rows[i].Json.Length + 1;
                var full = i + 1 - start >= limits.MaxRows || bytes >= limits.MaxBytes;
                if ((full && reach == i) || i == rows.Count - 1)
                {
                    yield return Batch(source, rows, start, i + 1);
                    (start, bytes) = (i + 1, 0);
                }
            }
        }
    }

    private static PreparedBatch Batch(InputSource source, List<StreetRecord> rows, int from, int to)
    {
        var body = new MemoryStream();
        var lines = new int[to - from];
        for (var i = from; i < to; i++)
        {
            body.Write(rows[i].Json);
            body.WriteByte((byte)'\n');
            lines[i - from] = rows[i].Line;
        }
        source.BatchMade();
        return new PreparedBatch(source, source.Feed, source.Format.MediaType(), body.ToArray(), lines, body.Length);
    }
}
