using System.Diagnostics.Metrics;

namespace AnalysisHub.Server.Live;

/// <summary>Gauges of this node's live clients (meter <c>AnalysisHub</c>), read from the feed when exported.</summary>
public sealed class LiveMetrics
{
    public LiveMetrics(IMeterFactory meters, LiveUpdates feed)
    {
        var meter = meters.Create(Hosting.IngestMetrics.MeterName);
        meter.CreateObservableGauge("hub.live.subscribers", () =>
        {
            var (signalR, sse, _) = feed.Counts();
            return new[]
            {
                new Measurement<int>(signalR, new KeyValuePair<string, object?>("transport", "signalr")),
                new Measurement<int>(sse, new KeyValuePair<string, object?>("transport", "sse")),
            };
        }, "{client}", "Live clients connected to this node, by transport");
        meter.CreateObservableGauge("hub.live.topics", () => feed.Counts().Topics, "{topic}",
            "Distinct footprint × feed topics this node's clients follow (one grain subscription each)");
    }
}
