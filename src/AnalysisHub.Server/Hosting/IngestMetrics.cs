using System.Diagnostics.Metrics;
using AnalysisHub.Domain.Records;

namespace AnalysisHub.Server.Hosting;

/// <summary>The hub's own instruments (meter <c>AnalysisHub</c>): what ingest decided, and how long batches took.</summary>
public sealed class IngestMetrics
{
    public const string MeterName = "AnalysisHub";

    private readonly Counter<long> _rows;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _duration;

    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rows = meter.CreateCounter<long>("hub.ingest.rows", "{row}", "Rows applied, by feed and outcome");
        _rejected = meter.CreateCounter<long>("hub.ingest.rejected_batches", "{batch}", "Batches rejected whole, by feed and reason");
        _duration = meter.CreateHistogram<double>("hub.ingest.batch_duration", "ms", "Time from request to durable acknowledgement");
    }

    public void Applied(string feed, IngestCounts counts, double milliseconds)
    {
        Add(feed, "accepted", counts.Accepted);
        Add(feed, "updated", counts.Updated);
        Add(feed, "duplicate", counts.Duplicates);
        Add(feed, "stale", counts.Stale);
        Add(feed, "cancelled", counts.Cancelled);
        _duration.Record(milliseconds, new KeyValuePair<string, object?>("feed", feed));
    }

    public void Rejected(string feed, string reason) =>
        _rejected.Add(1, new("feed", feed), new("reason", reason));

    private void Add(string feed, string outcome, int count)
    {
        if (count > 0) _rows.Add(count, new("feed", feed), new("outcome", outcome));
    }
}
