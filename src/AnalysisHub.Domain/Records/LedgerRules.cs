namespace AnalysisHub.Domain.Records;

/// <summary>
/// Decides how an arriving row changes a record's state. Depends only on the record's identity
/// (feed, id): the current state and the arriving one.
/// </summary>
public static class LedgerRules
{
    /// <returns>the outcome; <paramref name="replaces"/> is true when the arriving row becomes the state.</returns>
    public static RecordOutcome Decide(in RecordEntry? current, in RecordEntry arriving, out bool replaces)
    {
        if (current is not { } existing)
        {
            replaces = true;
            return arriving.Status == RecordStatus.Cancelled ? RecordOutcome.Cancelled : RecordOutcome.Accepted;
        }
        replaces = false;
        if (existing.SameContentAs(arriving)) return RecordOutcome.Duplicate;
        if (arriving.Version < existing.Version) return RecordOutcome.Stale;
        // A tombstone holds against a late original of the same version; only a higher version revives it.
        if (existing.Status == RecordStatus.Cancelled && arriving.Status == RecordStatus.Active &&
            arriving.Version == existing.Version) return RecordOutcome.Stale;
        replaces = true;
        return arriving.Status == RecordStatus.Cancelled ? RecordOutcome.Cancelled : RecordOutcome.Updated;
    }
}
