using System.Diagnostics;
using AnalysisHub.Cli.Ingest;

namespace AnalysisHub.Cli.Demo;

/// <summary>
/// The generated stream as batches per feed, in the order the records would be sent; with a rate, the batches
/// are held back so that no more than that many records a second go out.
/// </summary>
public static class DemoBatches
{
    public static IEnumerable<PreparedBatch> Cut(IReadOnlyList<DemoRecord> records, BatchLimits limits, int ratePerSecond)
    {
        var sources = new Dictionary<string, InputSource>(StringComparer.Ordinal);
        var pending = new Dictionary<string, List<DemoRecord>>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        long released = 0;
        foreach (var record in records)
        {
            if (!pending.TryGetValue(record.Feed, out var list)) pending[record.Feed] = list = [];
            list.Add(record);
            if (list.Count < Math.Min(limits.MaxRows, ratePerSecond > 0 ? Math.Max(1, ratePerSecond / 4) : int.MaxValue)) continue;
            yield return Take(record.Feed);
        }
        foreach (var feed in pending.Keys.ToList())
            if (pending[feed].Count > 0) yield return Take(feed);

        PreparedBatch Take(string feed)
        {
            var list = pending[feed];
            if (ratePerSecond > 0)
            {
                // Pacing runs on the thread that reads the stream, so the uploads simply wait for work.
                var due = TimeSpan.FromSeconds((double)released / ratePerSecond);
                if (due > clock.Elapsed) Thread.Sleep(due - clock.Elapsed);
            }
            released += list.Count;
            if (!sources.TryGetValue(feed, out var source)) sources[feed] = source = new InputSource("demo " + feed, null, feed, RecordFormat.Ndjson);
            var body = new MemoryStream();
            foreach (var r in list)
            {
                body.Write(r.Json);
                body.WriteByte((byte)'\n');
            }
            var batch = new PreparedBatch(source, feed, RecordFormat.Ndjson.MediaType(), body.ToArray(), Enumerable.Range(1, list.Count).ToArray(), list.Count);
            source.BatchMade();
            list.Clear();
            return batch;
        }
    }
}
