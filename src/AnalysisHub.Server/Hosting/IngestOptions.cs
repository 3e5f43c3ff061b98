using AnalysisHub.Domain.Ingest;

namespace AnalysisHub.Server.Hosting;

/// <summary>Limits of one ingest request (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Largest request body accepted: 64 MiB. Larger → 413.</summary>
    public long MaxBatchBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most rows accepted in one request: 250,000. More → 413.</summary>
    public int MaxBatchRows { get; set; } = 250_000;

    /// <summary>Errors listed in a 400 answer: 1,000; the total and how many were left out are always given.</summary>
    public int MaxErrorsListed { get; set; } = 1_000;

    /// <summary>The earliest local day a record may have happened on: 1990-01-01.</summary>
    public DateOnly EarliestOccurredAt { get; set; } = RecordBounds.Default.Earliest;

    /// <summary>How far ahead of the server clock a record may be dated: 24 hours.</summary>
    public TimeSpan FutureTolerance { get; set; } = RecordBounds.Default.FutureTolerance;

    public RecordBounds Bounds => new()
    {
        // Below the earliest day any stored record can have, history searches would miss records.
        Earliest = EarliestOccurredAt < RecordBounds.EarliestStored ? RecordBounds.EarliestStored : EarliestOccurredAt,
        FutureTolerance = FutureTolerance,
    };
}
