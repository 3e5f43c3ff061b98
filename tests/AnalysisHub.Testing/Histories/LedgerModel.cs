namespace AnalysisHub.Testing.Histories;

/// <summary>
/// The record contract's rules for re-sent, corrected and cancelled rows, as a plain dictionary of id → state,
/// written from the contract's text (reference feeds.md) and sharing no code with the hub. Rows apply in order.
/// </summary>
public sealed class LedgerModel
{
    private readonly Dictionary<string, (long Version, ModelContent Content)> _records = [];

    /// <summary>Applies one row and returns its outcome: accepted, updated, duplicates, stale or cancelled.</summary>
    public string Apply(HistoryRow row)
    {
        var version = row.Version ?? 0;
        var content = ModelContent.Of(row);
        if (!_records.TryGetValue(row.Id, out var current))
        {
            // A first cancellation is kept as a tombstone, so a late original cannot bring the record back.
            _records[row.Id] = (version, content);
            return content.Cancelled ? "cancelled" : "accepted";
        }
        if (current.Content == content)
        {
            // Same content: a duplicate, whose higher version the state takes (so a later lower one is stale).
            if (version > current.Version) _records[row.Id] = (version, current.Content);
            return "duplicates";
        }
        if (version < current.Version) return "stale";
        // Equal or higher with other content replaces the state, except that an equal version never revives a
        // cancellation.
        if (current.Content.Cancelled && !content.Cancelled && version == current.Version) return "stale";
        _records[row.Id] = (version, content);
        return content.Cancelled ? "cancelled" : "updated";
    }

    /// <summary>Each batch's answer, as the hub's ingest counts it.</summary>
    public Dictionary<string, int> ApplyBatch(IEnumerable<HistoryRow> batch)
    {
        var counts = new Dictionary<string, int> { ["accepted"] = 0, ["updated"] = 0, ["duplicates"] = 0, ["stale"] = 0, ["cancelled"] = 0 };
        foreach (var row in batch) counts[Apply(row)]++;
        return counts;
    }

    /// <summary>The id's state (its version and content), or null when no row of it has been applied.</summary>
    public (long Version, ModelContent Content)? StateOf(string id) => _records.TryGetValue(id, out var state) ? state : null;

    /// <summary>The day cells of every record that counts.</summary>
    public Dictionary<ModelCell, long> Cells() => CellsOf(_records.Values.Select(r => r.Content));

    /// <summary>
    /// The weighted sums of every response that counts, in millionths, as cells whose category is prefixed
    /// <c>weight:</c> (Σw) or <c>weight²:</c> (Σw², each response's square taken to the nearest millionth, half up).
    /// </summary>
    public Dictionary<ModelCell, long> WeightCells() => WeightCellsOf(_records.Values.Select(r => r.Content));

    /// <summary>The weighted sums of the final state, read declaratively as <see cref="FinalCells"/> is.</summary>
    public static Dictionary<ModelCell, long> FinalWeightCells(IEnumerable<HistoryRow> rows) =>
        WeightCellsOf(FinalStates(rows));

    private static Dictionary<ModelCell, long> WeightCellsOf(IEnumerable<ModelContent> states)
    {
        var cells = new Dictionary<ModelCell, long>();
        void Add(ModelCell cell, decimal millionths)
        {
            var sum = cells.GetValueOrDefault(cell) + (long)decimal.Round(millionths, MidpointRounding.AwayFromZero);
            if (sum == 0) cells.Remove(cell);
            else cells[cell] = sum;
        }
        foreach (var content in states.Where(c => !c.Cancelled))
        {
            Add(new ModelCell(content.Authority, "weight:" + content.Category, content.LocalDay, content.Flags), content.Weight * 1_000_000m);
            Add(new ModelCell(content.Authority, "weight²:" + content.Category, content.LocalDay, content.Flags),
                content.Weight * content.Weight * 1_000_000m);
        }
        return cells;
    }

    /// <summary>
    /// A second, declarative reading of the same contract, for the final state only: each id's state is its
    /// highest version received; among equal versions a cancellation wins, else the latest arrival.
    /// </summary>
    public static Dictionary<ModelCell, long> FinalCells(IEnumerable<HistoryRow> rows) => CellsOf(FinalStates(rows));

    private static IEnumerable<ModelContent> FinalStates(IEnumerable<HistoryRow> rows) =>
        rows.Select((row, arrival) => (row, arrival))
            .GroupBy(r => r.row.Id)
            .Select(g => g.OrderBy(r => r.row.Version ?? 0).ThenBy(r => r.row.Cancelled).ThenBy(r => r.arrival).Last().row)
            .Select(ModelContent.Of);

    private static Dictionary<ModelCell, long> CellsOf(IEnumerable<ModelContent> states)
    {
        var cells = new Dictionary<ModelCell, long>();
        foreach (var content in states.Where(c => !c.Cancelled))
        {
            var cell = new ModelCell(content.Authority, content.Category, content.LocalDay, content.Flags);
            cells[cell] = cells.GetValueOrDefault(cell) + 1;
        }
        return cells;
    }
}
