namespace AnalysisHub.Domain.Cells;

/// <summary>
/// One series' non-zero values, sorted by position (day number, month index, or month × 168 + hour-of-week
/// slot). Sparse because real series are: a category with a rare flag has a record on a few days a month.
/// </summary>
internal sealed class SparseSeries(CellKey key)
{
    private int[] _positions = new int[4];
    private long[] _values = new long[4];

    public CellKey Key { get; } = key;
    public int Count { get; private set; }

    public ReadOnlySpan<int> Positions => _positions.AsSpan(0, Count);
    public ReadOnlySpan<long> Values => _values.AsSpan(0, Count);

    public long Get(int position)
    {
        var i = Positions.BinarySearch(position);
        return i >= 0 ? _values[i] : 0;
    }

    /// <summary>Adds to the value at a position; returns the value before.</summary>
    public long Add(int position, long delta)
    {
        // Records mostly arrive in time order, so try the end before searching.
        var i = Count > 0 && _positions[Count - 1] < position ? ~Count : Positions.BinarySearch(position);
        if (i >= 0)
        {
            var before = _values[i];
            if (before + delta == 0) RemoveAt(i);
            else _values[i] = before + delta;
            return before;
        }
        InsertAt(~i, position, delta);
        return 0;
    }

    /// <summary>Index of the first position ≥ <paramref name="position"/>.</summary>
    public int LowerBound(int position)
    {
        var i = Positions.BinarySearch(position);
        return i >= 0 ? i : ~i;
    }

    private void InsertAt(int index, int position, long value)
    {
        if (Count == _positions.Length)
        {
            Array.Resize(ref _positions, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }
        Array.Copy(_positions, index, _positions, index + 1, Count - index);
        Array.Copy(_values, index, _values, index + 1, Count - index);
        _positions[index] = position;
        _values[index] = value;
        Count++;
    }

    private void RemoveAt(int index)
    {
        Count--;
        Array.Copy(_positions, index + 1, _positions, index, Count - index);
        Array.Copy(_values, index + 1, _values, index, Count - index);
    }
}
