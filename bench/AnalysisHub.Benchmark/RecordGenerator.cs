using System.Buffers;
using System.Text.Json;

namespace AnalysisHub.Benchmark;

/// <summary>
/// Synthetic records as NDJSON request bodies. A seeded <see cref="Random"/> makes the content the same on every
/// run; ids carry a per-run prefix so a re-run against a long-lived hub adds new records rather than duplicates.
/// Every batch is one feed's request and remembers how many of its records fall in each authority, so the
/// expected total of any footprint is known exactly.
/// </summary>
public sealed class RecordGenerator
{
    /// <summary>Records end before 2026-01-01 UTC. The window starts on a 1 January too: both ends are winter (GMT), so all fall on London dates in it.</summary>
    private static readonly DateTime End = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The London-date window of the usual run's records (two years); series over it count every record.</summary>
    public static readonly (DateOnly From, DateOnly To) Window = WindowOf(2);

    /// <summary>The London dates of the last <paramref name="years"/> years before 2026.</summary>
    public static (DateOnly From, DateOnly To) WindowOf(int years) => (new DateOnly(End.Year - years, 1, 1), DateOnly.FromDateTime(End).AddDays(-1));

    private readonly DateTime _firstInstant;
    private readonly long _spanSeconds;

    private readonly HubCatalog _catalog;
    private readonly Random _random;
    private readonly string _idPrefix;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private readonly Utf8JsonWriter _writer;
    private readonly int[] _flagPick;
    private long _nextId;
    private int _nextFeed;

    /// <param name="years">How many years before 2026 the records spread over (2 unless asked: the history phase uses more).</param>
    public RecordGenerator(HubCatalog catalog, int seed, string idPrefix, int years = 2)
    {
        _firstInstant = new DateTime(End.Year - years, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        _spanSeconds = (long)(End - _firstInstant).TotalSeconds;
        _catalog = catalog;
        _random = new Random(seed);
        _idPrefix = idPrefix;
        _writer = new Utf8JsonWriter(_buffer);
        _flagPick = new int[catalog.Flags.Count];
    }

    /// <summary>Batches of <paramref name="batchSize"/> (the last may be short), feeds taken in turn.</summary>
    public List<RecordBatch> Batches(long records, int batchSize)
    {
        var batches = new List<RecordBatch>((int)((records + batchSize - 1) / batchSize));
        for (var done = 0L; done < records; done += batchSize)
            batches.Add(NextBatch((int)Math.Min(batchSize, records - done)));
        return batches;
    }

    public RecordBatch NextBatch(int size)
    {
        var feedIndex = _nextFeed++ % _catalog.Feeds.Count;
        var feed = _catalog.Feeds[feedIndex];
        var perAuthority = new int[_catalog.Authorities.Count];
        _buffer.ResetWrittenCount();
        for (var i = 0; i < size; i++)
        {
            var authority = _random.Next(_catalog.Authorities.Count);
            perAuthority[authority]++;
            WriteRecord(feed, authority);
        }
        return new RecordBatch(feedIndex, feed.Id, _buffer.WrittenSpan.ToArray(), size, perAuthority);
    }

    private void WriteRecord(FeedInfo feed, int authority)
    {
        // The writer is reset per line because NDJSON is a sequence of top-level values, which one writer refuses.
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteString("id", $"{_idPrefix}{_nextId++}");
        _writer.WriteString("occurredAt", _firstInstant.AddSeconds(_random.NextInt64(_spanSeconds)));
        _writer.WriteString("area", _catalog.Authorities[authority].Code);
        _writer.WriteString("category", feed.Categories[_random.Next(feed.Categories.Count)]);
        // Survey weights as design weights are: of order one, to three decimal places.
        if (feed.Weighted) _writer.WriteNumber("weight", (200 + _random.Next(2800)) / 1000m);
        var flags = _random.Next(3); // 0, 1 or 2 distinct flags
        if (flags > 0)
        {
            _writer.WriteStartArray("flags");
            for (var f = 0; f < _flagPick.Length; f++) _flagPick[f] = f;
            for (var f = 0; f < flags; f++)
            {
                var pick = _random.Next(f, _flagPick.Length);
                (_flagPick[f], _flagPick[pick]) = (_flagPick[pick], _flagPick[f]);
                _writer.WriteStringValue(_catalog.Flags[_flagPick[f]]);
            }
            _writer.WriteEndArray();
        }
        _writer.WriteEndObject();
        _writer.Flush();
        _buffer.Write("\n"u8);
    }
}

/// <summary>One request body and what it holds.</summary>
public sealed record RecordBatch(int FeedIndex, string Feed, byte[] Body, int Records, int[] PerAuthority);

/// <summary>
/// Records per feed and authority that the hub acknowledged, plus what it held before the run: the exact
/// total every footprint must converge to.
/// </summary>
public sealed class ExpectedCounts(HubCatalog catalog)
{
    private readonly long[,] _counts = new long[catalog.Feeds.Count, catalog.Authorities.Count];
    private readonly Dictionary<(string Footprint, int Feed), long> _baseline = [];
    private readonly Lock _lock = new();

    public void Add(RecordBatch batch)
    {
        lock (_lock)
            for (var a = 0; a < batch.PerAuthority.Length; a++) _counts[batch.FeedIndex, a] += batch.PerAuthority[a];
    }

    public void SetBaseline(string footprint, int feed, long total)
    {
        lock (_lock) _baseline[(footprint, feed)] = total;
    }

    public long For(FootprintInfo footprint, int feed)
    {
        lock (_lock)
            return _baseline.GetValueOrDefault((footprint.Id, feed)) + catalog.AuthorityIndexes(footprint).Sum(a => _counts[feed, a]);
    }

    public long Generated(int feed)
    {
        lock (_lock) return Enumerable.Range(0, _counts.GetLength(1)).Sum(a => _counts[feed, a]);
    }
}
