using System.Diagnostics.Metrics;

namespace AnalysisHub.Grains;

/// <summary>The rollup grains' instruments (meter <c>AnalysisHub</c>): how many are active, and how far Wales lags.</summary>
public sealed class RollupMetrics
{
    public const string MeterName = "AnalysisHub";

    private readonly UpDownCounter<long> _active;
    private readonly Histogram<double> _walesLag;

    public RollupMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _active = meter.CreateUpDownCounter<long>("hub.grains.active", "{grain}", "Rollup grains active on this silo, by kind (authority, footprint)");
        _walesLag = meter.CreateHistogram<double>("hub.rollup.lag", "ms",
            "From a change's durable acknowledgement to its counting in the Wales rollup (oldest change of each flush)");
    }

    public void Activated(string kind) => _active.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Deactivated(string kind) => _active.Add(-1, new KeyValuePair<string, object?>("kind", kind));

    public void WalesLag(TimeSpan lag) => _walesLag.Record(Math.Max(0, lag.TotalMilliseconds));
}
