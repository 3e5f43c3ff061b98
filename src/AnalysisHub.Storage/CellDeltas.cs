using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage;

/// <summary>The net change a commit makes to each authority's cells (authority index → cell → delta).</summary>
internal sealed class CellDeltas : Dictionary<int, Dictionary<CellKey, long>>
{
    private readonly CellContribution[] _cells = new CellContribution[RecordEntry.MaxCells];

    /// <summary>Adds (<paramref name="sign"/> = +1) or removes (−1) a record's contribution to its cells.</summary>
    public void Add(in RecordEntry entry, long sign)
    {
        var n = entry.GetCells(_cells);
        if (n == 0) return;
        if (!TryGetValue(entry.Authority, out var forAuthority)) this[entry.Authority] = forAuthority = [];
        for (var i = 0; i < n; i++)
        {
            var (cell, amount) = _cells[i];
            forAuthority[cell] = forAuthority.GetValueOrDefault(cell) + sign * amount;
        }
    }

    /// <summary>
    /// Each authority's net change, without the cells that came back to zero: a record added and withdrawn in
    /// the same group leaves nothing to send. Authorities left with no change are skipped.
    /// </summary>
    public IEnumerable<(int Authority, Dictionary<CellKey, long> Net)> NetChanges()
    {
        foreach (var (authority, cells) in this)
        {
            var net = cells.Where(kv => kv.Value != 0).ToDictionary(kv => kv.Key, kv => kv.Value);
            if (net.Count > 0) yield return (authority, net);
        }
    }
}
