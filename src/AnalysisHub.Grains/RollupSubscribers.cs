using AnalysisHub.Contracts;
using AnalysisHub.Domain.Cells;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace AnalysisHub.Grains;

/// <summary>
/// The web nodes listening to one rollup grain, and what changed since they were last told. Changes are
/// gathered as cells are applied and sent in one notification per interval, never one per record.
/// </summary>
public sealed class RollupSubscribers
{
    /// <summary>A subscription not renewed within this time lapses (its node may be gone).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    private readonly string _rollupId;
    // Orleans' observer list: renewal by re-subscribing, lapsed observers dropped when notifying.
    private readonly ObserverManager<IRollupObserver> _observers;
    private readonly HashSet<int> _feeds = [];
    private readonly HashSet<int> _days = [];
    private readonly HashSet<int> _months = [];
    private bool _reset;

    public RollupSubscribers(string rollupId, TimeProvider clock, ILogger logger)
    {
        _rollupId = rollupId;
        // Expiry is measured on the injected clock, as everywhere else that time matters.
        _observers = new ObserverManager<IRollupObserver>(Lifetime, logger) { GetDateTime = () => clock.GetUtcNow().UtcDateTime };
    }

    public bool Any => _observers.Count > 0;

    public void Add(IRollupObserver observer) => _observers.Subscribe(observer, observer);

    public void Remove(IRollupObserver observer) => _observers.Unsubscribe(observer);

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
        var change = new RollupChange(_rollupId, [.. _feeds], [.. _days], [.. _months], _reset);
        _reset = false;
        _feeds.Clear();
        _days.Clear();
        _months.Clear();
        // The synchronous overload: RollupChanged is one-way, so nothing is awaited between observers.
        _observers.Notify(observer => { _ = observer.RollupChanged(change); });
    }
}
