using AnalysisHub.Domain.Records;

namespace AnalysisHub.Server.Api;

/// <summary>The 200 answer to an ingest batch: how each row was decided.</summary>
public sealed record IngestResult(int Accepted, int Updated, int Duplicates, int Stale, int Cancelled)
{
    public static IngestResult From(IngestCounts c) => new(c.Accepted, c.Updated, c.Duplicates, c.Stale, c.Cancelled);
}
