namespace AnalysisHub.Domain.Cells;

/// <summary>A cell whose value differs between two sets of cells (a rollup and its recount, say).</summary>
public readonly record struct CellDifference(CellKey Key, long Held, long Recounted)
{
    /// <summary>Every cell whose value differs between <paramref name="held"/> and <paramref name="recounted"/>, in key order.</summary>
    public static List<CellDifference> Between(IEnumerable<KeyValuePair<CellKey, long>> held,
        IEnumerable<KeyValuePair<CellKey, long>> recounted)
    {
        var values = new Dictionary<CellKey, (long Held, long Recounted)>();
        foreach (var (key, value) in held) values[key] = (values.GetValueOrDefault(key).Held + value, values.GetValueOrDefault(key).Recounted);
        foreach (var (key, value) in recounted) values[key] = (values.GetValueOrDefault(key).Held, values.GetValueOrDefault(key).Recounted + value);
        return values.Where(v => v.Value.Held != v.Value.Recounted)
            .Select(v => new CellDifference(v.Key, v.Value.Held, v.Value.Recounted))
            .OrderBy(d => d.Key.Packed).ThenBy(d => d.Key.Flags)
            .ToList();
    }
}
