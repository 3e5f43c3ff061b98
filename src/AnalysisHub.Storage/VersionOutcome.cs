using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage;

/// <summary>
/// What became of one stored version: the outcome its row had when it arrived, or that it was withdrawn later.
/// Stored as these numbers (the first five are <see cref="RecordOutcome"/>'s), so never renumber them.
/// </summary>
public enum VersionOutcome : short
{
    Accepted = RecordOutcome.Accepted,
    Updated = RecordOutcome.Updated,
    Duplicate = RecordOutcome.Duplicate,
    Stale = RecordOutcome.Stale,
    Cancelled = RecordOutcome.Cancelled,
    /// <summary>Its writer's writes were withdrawn: the record no longer reflects it, and no later replay reads it.</summary>
    Withdrawn = 5,
    /// <summary>
    /// The record's state when the ledger began keeping versions (written once, by the schema, for records stored
    /// before): its writer is unknown, and it is the start every replay of that record builds on.
    /// </summary>
    Baseline = 6,
}

public static class VersionOutcomes
{
    /// <summary>The outcome as the history endpoint writes it.</summary>
    public static string Slug(this VersionOutcome outcome) => outcome switch
    {
        VersionOutcome.Accepted => "accepted",
        VersionOutcome.Updated => "updated",
        VersionOutcome.Duplicate => "duplicate",
        VersionOutcome.Stale => "stale",
        VersionOutcome.Cancelled => "cancelled",
        VersionOutcome.Withdrawn => "withdrawn",
        VersionOutcome.Baseline => "baseline",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
