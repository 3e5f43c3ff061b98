using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage;

/// <summary>
/// A record's state rebuilt from its versions: every version still in force, in arrival order, decided by
/// <see cref="LedgerRules.Decide"/> from no state at all — exactly as the ledger decided them when they arrived,
/// so what comes out is the state the record would hold had the left-out versions never been sent.
/// </summary>
internal static class VersionReplay
{
    /// <summary>
    /// The state the versions leave when <paramref name="withdrawnKey"/>'s (and those withdrawn before) are left out;
    /// null when none is left. A version that no longer maps onto the vocabulary counts nowhere and is skipped, as
    /// the ledger treats such a stored row as absent.
    /// </summary>
    public static RecordEntry? Without(IEnumerable<(string? KeyId, StoredRecord Content, VersionOutcome Outcome)> versions,
        string withdrawnKey, int feed, StoredVocabulary vocabulary)
    {
        RecordEntry? state = null;
        foreach (var (keyId, content, outcome) in versions)
        {
            if (outcome == VersionOutcome.Withdrawn || keyId == withdrawnKey) continue;
            if (vocabulary.ToEntry(feed, content) is not { } arriving) continue;
            LedgerRules.Decide(state, arriving, out var next);
            if (next is { } changed) state = changed;
        }
        return state;
    }
}
