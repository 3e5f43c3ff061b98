namespace AnalysisHub.Domain.Records;

/// <summary>
/// Decides how an arriving row changes a record's state. Depends only on the record's identity
/// (feed, id): the current state and the arriving one. The rules are those of the record contract: the current
/// state is always the highest version received (equal versions: the latest arrival, a cancellation winning a
/// tie), so any order of rows with distinct versions ends in the same state.
/// </summary>
public static class LedgerRules
{
    /// <param name="next">
    /// the state to store when the row changes it, or null when the stored state stays as it is. A duplicate
    /// with a higher version changes only the stored version: it counts nowhere differently.
    /// </param>
    /// <returns>the row's outcome.</returns>
    public static RecordOutcome Decide(in RecordEntry? current, in RecordEntry arriving, out RecordEntry? next)
    {
        if (current is not { } existing)
        {
            next = arriving;
            return arriving.Status == RecordStatus.Cancelled ? RecordOutcome.Cancelled : RecordOutcome.Accepted;
        }
        next = null;
        if (existing.SameContentAs(arriving))
        {
            // The version must rise even though no cell changes: left at the old version, a later re-send of a
            // version in between would be compared with the old one and applied as a correction, not as stale.
            // The stored content is kept (a tombstone may hold more than the cancellation that repeats it).
            if (arriving.Version > existing.Version) next = existing with { Version = arriving.Version };
            return RecordOutcome.Duplicate;
        }
        if (arriving.Version < existing.Version) return RecordOutcome.Stale;
        // A tombstone holds against a late original of the same version; only a higher version revives it.
        if (existing.Status == RecordStatus.Cancelled && arriving.Status == RecordStatus.Active &&
            arriving.Version == existing.Version) return RecordOutcome.Stale;
        next = arriving;
        return arriving.Status == RecordStatus.Cancelled ? RecordOutcome.Cancelled : RecordOutcome.Updated;
    }
}
