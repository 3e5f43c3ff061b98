namespace AnalysisHub.Domain.Cells;

/// <summary>
/// Counts per cell, indexed for range queries: each series (kind, feed, category, flags) keeps its values
/// in month-sized chunks, so summing a year of days touches twelve chunks, not every cell.
/// </summary>
/// <remarks>Not thread-safe: it lives inside one grain activation (or one test).</remarks>
public sealed class CellTable
{
    private sealed class Series(CellKey key)
    {
        public readonly CellKey Key = key;
        public readonly Dictionary<int, long[]> Chunks = [];
    }

    // (kind, feed, category) → the series with each flag combination seen.
    private readonly Dictionary<ulong, List<Series>> _byCategory = [];
    private readonly Dictionary<CellKey, Series> _series = [];

    /// <summary>Number of cells holding a non-zero value.</summary>
    public int Count { get; private set; }

    public long this[CellKey key]
    {
        get
        {
            if (!_series.TryGetValue(key.Series, out var series)) return 0;
            var (month, position) = Locate(key);
            return series.Chunks.TryGetValue(month, out var chunk) ? chunk[position] : 0;
        }
    }

    /// <summary>Adds <paramref name="delta"/> to a cell; returns its new value.</summary>
    public long Add(CellKey key, long delta)
    {
        if (delta == 0) return this[key];
        var seriesKey = key.Series;
        if (!_series.TryGetValue(seriesKey, out var series))
        {
            series = new Series(seriesKey);
            _series.Add(seriesKey, series);
            var group = seriesKey.Packed;
            if (!_byCategory.TryGetValue(group, out var list)) _byCategory[group] = list = [];
            list.Add(series);
        }
        var (month, position) = Locate(key);
        if (!series.Chunks.TryGetValue(month, out var chunk))
            series.Chunks[month] = chunk = new long[ChunkLength(key.Kind)];
        var before = chunk[position];
        var after = before + delta;
        chunk[position] = after;
        if (before == 0) Count++;
        else if (after == 0) Count--;
        return after;
    }

    public void Clear()
    {
        _series.Clear();
        _byCategory.Clear();
        Count = 0;
    }

    public IEnumerable<KeyValuePair<CellKey, long>> NonZeroCells()
    {
        foreach (var series in _series.Values)
        foreach (var (month, chunk) in series.Chunks)
            for (var i = 0; i < chunk.Length; i++)
                if (chunk[i] != 0) yield return new(CellAt(series.Key, month, i), chunk[i]);
    }

    /// <summary>
    /// Adds into <paramref name="perDay"/> (index 0 = <paramref name="from"/>) the day counts of every series of
    /// the feed whose category is in <paramref name="categories"/> and whose flags include all of
    /// <paramref name="requiredFlags"/>.
    /// </summary>
    public void SumDays(int feed, IReadOnlyList<int> categories, uint requiredFlags, DateOnly from, DateOnly to, Span<long> perDay)
    {
        int firstMonth = MonthIndex.Of(from), lastMonth = MonthIndex.Of(to);
        foreach (var series in Matching(CellKind.Day, feed, categories, requiredFlags))
            for (var month = firstMonth; month <= lastMonth; month++)
            {
                if (!series.Chunks.TryGetValue(month, out var chunk)) continue;
                var first = MonthIndex.FirstDay(month);
                var start = Math.Max(from.DayNumber, first.DayNumber);
                var end = Math.Min(to.DayNumber, MonthIndex.LastDay(month).DayNumber);
                for (var day = start; day <= end; day++)
                    perDay[day - from.DayNumber] += chunk[day - first.DayNumber];
            }
    }

    /// <summary>Month-precision counts per month (index 0 = <paramref name="firstMonth"/>).</summary>
    public void SumMonths(int feed, IReadOnlyList<int> categories, uint requiredFlags, int firstMonth, int lastMonth, Span<long> perMonth)
    {
        foreach (var series in Matching(CellKind.Month, feed, categories, requiredFlags))
            for (var month = firstMonth; month <= lastMonth; month++)
                if (series.Chunks.TryGetValue(month, out var chunk)) perMonth[month - firstMonth] += chunk[0];
    }

    /// <summary>Hour-of-week profile (168 slots, Monday 00:00 first) summed over the months given.</summary>
    public void SumHourOfWeek(int feed, IReadOnlyList<int> categories, uint requiredFlags, int firstMonth, int lastMonth, Span<long> perSlot)
    {
        foreach (var series in Matching(CellKind.HourOfWeek, feed, categories, requiredFlags))
            for (var month = firstMonth; month <= lastMonth; month++)
                if (series.Chunks.TryGetValue(month, out var chunk))
                    for (var slot = 0; slot < chunk.Length; slot++) perSlot[slot] += chunk[slot];
    }

    private IEnumerable<Series> Matching(CellKind kind, int feed, IReadOnlyList<int> categories, uint requiredFlags)
    {
        foreach (var category in categories)
        {
            var group = new CellKey(kind, feed, category, 0, 0).Packed;
            if (!_byCategory.TryGetValue(group, out var list)) continue;
            foreach (var series in list)
                if ((series.Key.Flags & requiredFlags) == requiredFlags) yield return series;
        }
    }

    private static int ChunkLength(CellKind kind) => kind switch
    {
        CellKind.Day => 31,
        CellKind.Month => 1,
        _ => 168,
    };

    private static (int Month, int Position) Locate(CellKey key) => key.Kind switch
    {
        CellKind.Day => LocateDay(key.Time),
        CellKind.Month => (key.Time, 0),
        _ => (key.Time, key.Slot),
    };

    private static (int, int) LocateDay(int dayNumber)
    {
        var day = DateOnly.FromDayNumber(dayNumber);
        return (MonthIndex.Of(day), day.Day - 1);
    }

    private static CellKey CellAt(CellKey series, int month, int position) => series.Kind switch
    {
        CellKind.Day => CellKey.ForDay(series.Feed, series.Category, series.Flags, MonthIndex.FirstDay(month).AddDays(position)),
        CellKind.Month => CellKey.ForMonth(series.Feed, series.Category, series.Flags, month),
        _ => CellKey.ForHourOfWeek(series.Feed, series.Category, series.Flags, month, position),
    };
}
