namespace AnalysisHub.Domain.Records;

public enum RecordStatus : byte
{
    Active = 0,
    /// <summary>Withdrawn by its source: counts nowhere, kept as a tombstone so a late original cannot revive it.</summary>
    Cancelled = 1,
}
