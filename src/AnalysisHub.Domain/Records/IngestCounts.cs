using System.Text.Json.Serialization;

namespace AnalysisHub.Domain.Records;

/// <summary>The answer to an ingest batch; the five counts add up to the number of rows.</summary>
public sealed record IngestCounts(int Accepted, int Updated, int Duplicates, int Stale, int Cancelled)
{
    // The ingest endpoint answers with these counts: its published answer is the five counts, without their sum.
    [JsonIgnore]
    public int Total => Accepted + Updated + Duplicates + Stale + Cancelled;

    public static IngestCounts From(ReadOnlySpan<RecordOutcome> outcomes)
    {
        int accepted = 0, updated = 0, duplicates = 0, stale = 0, cancelled = 0;
        foreach (var o in outcomes)
        {
            switch (o)
            {
                case RecordOutcome.Accepted: accepted++; break;
                case RecordOutcome.Updated: updated++; break;
                case RecordOutcome.Duplicate: duplicates++; break;
                case RecordOutcome.Stale: stale++; break;
                default: cancelled++; break;
            }
        }
        return new(accepted, updated, duplicates, stale, cancelled);
    }
}
