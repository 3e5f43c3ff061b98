using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;

namespace AnalysisHub.Grains;

/// <summary>
/// The web nodes listening to one rollup grain, and what changed since they were last told. Changes are
/// gathered as cells are applied and sent in one notification per interval, never one per record.
/// </summary>
public sealed class RollupSubscribers(string rollupId, TimeProvider clock)
{
    /// <summary>A subscription not renewed within this time lapses (its node may be gone).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    private readonly Dictionary<IRollupObserver, DateTimeOffset> _observers = [];
    private readonly HashSet<int> _feeds = [];
    private readonly HashSet<int> _days = [];
    private readonly HashSet<int> _months = [];
    private bool _reset;

    public bool Any => _observers.Count > 0;

    public void Add(IRollupObserver observer) => _observers[observer] = clock.GetUtcNow() + Lifetime;

    public void Remove(IRollupObserver observer) => _observers.Remove(observer);

    /// <summary>Notes a changed cell (only while someone listens: otherwise there is nobody to tell).</summary>
    public void Changed(CellKey cell)
    {
        if (!Any) return;
        _feeds.Add(cell.Feed);
        switch (cell.Kind)
        {
            case CellKind.Day: _days.Add(cell.Time); break;
            case CellKind.Month: _months.Add(cell.Time); break;
        }
    }

    /// <summary>Notes that the whole rollup was rebuilt: the next notification tells listeners to start again.</summary>
    public void Reset() => _reset = Any;

    /// <summary>Tells every live observer what changed since the last call; drops lapsed observers.</summary>
    public void Notify()
    {
        if (_feeds.Count == 0 && !_reset) return;
        var now = clock.GetUtcNow();
        foreach (var lapsed in _observers.Where(o => o.Value < now).Select(o => o.Key).ToList()) _observers.Remove(lapsed);
        var change = new RollupChange(rollupId, [.. _feeds], [.. _days], [.. _months], _reset);
        _reset = false;
        _feeds.Clear();
        _days.Clear();
        _months.Clear();
        foreach (var observer in _observers.Keys) observer.RollupChanged(change); // one-way: not awaited
    }
}
