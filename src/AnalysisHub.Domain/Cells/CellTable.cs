namespace AnalysisHub.Domain.Cells;

/// <summary>
/// Counts per cell, indexed for range queries. Each series (kind, feed, category, flags) keeps its non-zero
/// values sorted by time; beside them, each (kind, feed, category) keeps one more series summed over every
/// flag combination, so the common question — no flag filter — reads a handful of series, not one per
/// combination of flags seen.
/// </summary>
/// <remarks>Not thread-safe: it lives inside one grain activation (or one test).</remarks>
// Implementation note: sparse sorted arrays (12 bytes a cell) rather than dense month chunks, because a
// footprint holds every member's cells and most series are sparse: dense 31- and 168-slot chunks cost
// kilobytes per record when a series has one record a month.
public sealed class CellTable
{
    private const int HoursPerWeek = 168;

    private readonly Dictionary<CellKey, SparseSeries> _series = [];
    // (kind, feed, category) → the series of each flag combination seen, and their sum.
    private readonly Dictionary<ulong, List<SparseSeries>> _byCategory = [];
    private readonly Dictionary<ulong, SparseSeries> _anyFlags = [];

    /// <summary>Number of cells holding a non-zero value.</summary>
    public int Count { get; private set; }

    public long this[CellKey key] => _series.TryGetValue(key.Series, out var series) ? series.Get(Position(key)) : 0;

    /// <summary>Adds <paramref name="delta"/> to a cell; returns its new value.</summary>
    public long Add(CellKey key, long delta)
    {
        var seriesKey = key.Series;
        var position = Position(key);
        if (delta == 0) return this[key];
        if (!_series.TryGetValue(seriesKey, out var series))
        {
            series = new SparseSeries(seriesKey);
            _series.Add(seriesKey, series);
            var group = seriesKey.Packed;
            if (!_byCategory.TryGetValue(group, out var list))
            {
                _byCategory[group] = list = [];
                if (HasFlags(key.Kind)) _anyFlags[group] = new SparseSeries(CellKey.FromPacked(group, 0));
            }
            list.Add(series);
        }
        var before = series.Add(position, delta);
        if (HasFlags(key.Kind)) _anyFlags[seriesKey.Packed].Add(position, delta);
        var after = before + delta;
        if (before == 0) Count++;
        else if (after == 0) Count--;
        return after;
    }

    public void Clear()
    {
        _series.Clear();
        _byCategory.Clear();
        _anyFlags.Clear();
        Count = 0;
    }

    public IEnumerable<KeyValuePair<CellKey, long>> NonZeroCells()
    {
        foreach (var series in _series.Values)
            for (var i = 0; i < series.Count; i++)
                yield return new(CellAt(series.Key, series.Positions[i]), series.Values[i]);
    }

    /// <summary>
    /// Per feed, the first and last day holding a count: read from the ends of each category's flag-summed day
    /// and month series, so it costs a few lookups per category, not a pass over the cells.
    /// </summary>
    public FeedExtent[] Extents()
    {
        var byFeed = new Dictionary<int, FeedExtent>();
        foreach (var series in _anyFlags.Values)
        {
            if (series.Count == 0) continue;
            var key = series.Key;
            int first = series.Positions[0], last = series.Positions[series.Count - 1];
            var extent = key.Kind == CellKind.Month
                ? new FeedExtent(key.Feed, MonthIndex.FirstDay(first), MonthIndex.LastDay(last))
                : new FeedExtent(key.Feed, DateOnly.FromDayNumber(first), DateOnly.FromDayNumber(last));
            byFeed[key.Feed] = byFeed.TryGetValue(key.Feed, out var known) ? known.Union(extent) : extent;
        }
        return byFeed.Values.OrderBy(e => e.Feed).ToArray();
    }

    /// <summary>
    /// Adds into <paramref name="perDay"/> (index 0 = <paramref name="from"/>) the day counts of every series of
    /// the feed whose category is in <paramref name="categories"/> and whose flags include all of
    /// <paramref name="requiredFlags"/>.
    /// </summary>
    public void SumDays(int feed, IReadOnlyList<int> categories, uint requiredFlags, DateOnly from, DateOnly to, Span<long> perDay)
    {
        foreach (var series in Matching(CellKind.Day, feed, categories, requiredFlags))
            SumRange(series, from.DayNumber, to.DayNumber, perDay, from.DayNumber, modulo: 0);
    }

    /// <summary>Month-precision counts per month (index 0 = <paramref name="firstMonth"/>).</summary>
    public void SumMonths(int feed, IReadOnlyList<int> categories, uint requiredFlags, int firstMonth, int lastMonth, Span<long> perMonth)
    {
        foreach (var series in Matching(CellKind.Month, feed, categories, requiredFlags))
            SumRange(series, firstMonth, lastMonth, perMonth, firstMonth, modulo: 0);
    }

    /// <summary>Hour-of-week profile (168 slots, Monday 00:00 first) summed over the months given.</summary>
    public void SumHourOfWeek(int feed, IReadOnlyList<int> categories, uint requiredFlags, int firstMonth, int lastMonth, Span<long> perSlot)
    {
        foreach (var series in Matching(CellKind.HourOfWeek, feed, categories, requiredFlags))
            SumRange(series, firstMonth * HoursPerWeek, (lastMonth + 1) * HoursPerWeek - 1, perSlot, 0, modulo: HoursPerWeek);
    }

    private static void SumRange(SparseSeries series, int first, int last, Span<long> into, int origin, int modulo)
    {
        var positions = series.Positions;
        var values = series.Values;
        for (var i = series.LowerBound(first); i < positions.Length && positions[i] <= last; i++)
            into[modulo == 0 ? positions[i] - origin : positions[i] % modulo] += values[i];
    }

    private IEnumerable<SparseSeries> Matching(CellKind kind, int feed, IReadOnlyList<int> categories, uint requiredFlags)
    {
        foreach (var category in categories)
        {
            var group = new CellKey(kind, feed, category, 0, 0).Packed;
            if (requiredFlags == 0 && HasFlags(kind))
            {
                if (_anyFlags.TryGetValue(group, out var sum)) yield return sum;
                continue;
            }
            if (!_byCategory.TryGetValue(group, out var list)) continue;
            foreach (var series in list)
                if ((series.Key.Flags & requiredFlags) == requiredFlags) yield return series;
        }
    }

    /// <summary>Profile cells carry no flags (see RecordEntry.GetCells): their one series is already the sum.</summary>
    private static bool HasFlags(CellKind kind) => kind != CellKind.HourOfWeek;

    private static int Position(CellKey key) => key.Kind == CellKind.HourOfWeek ? key.Time * HoursPerWeek + key.Slot : key.Time;

    private static CellKey CellAt(CellKey series, int position) => series.Kind switch
    {
        CellKind.Day => CellKey.ForDay(series.Feed, series.Category, series.Flags, DateOnly.FromDayNumber(position)),
        CellKind.Month => CellKey.ForMonth(series.Feed, series.Category, series.Flags, position),
        _ => CellKey.ForHourOfWeek(series.Feed, series.Category, series.Flags, position / HoursPerWeek, position % HoursPerWeek),
    };
}
