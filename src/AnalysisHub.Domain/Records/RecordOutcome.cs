namespace AnalysisHub.Domain.Records;

/// <summary>What applying one row did; each row of a batch has exactly one.</summary>
public enum RecordOutcome : byte
{
    Accepted,
    Updated,
    Duplicate,
    Stale,
    Cancelled,
}
