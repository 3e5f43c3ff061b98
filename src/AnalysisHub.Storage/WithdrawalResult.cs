using AnalysisHub.Domain.Changes;

namespace AnalysisHub.Storage;

/// <summary>
/// What withdrawing a key's writes did: the records it had written, how many were set back to what their other
/// versions make them (<see cref="Restored"/>) and how many were left with nothing and removed
/// (<see cref="Removed"/>); and the cell changes, for the rollups.
/// </summary>
/// <param name="HasWritten">false when the ledger holds no version by this key at all, withdrawn or not.</param>
public sealed record WithdrawalResult(string KeyId, bool HasWritten, int Records, int Restored, int Removed,
    IReadOnlyList<AuthorityChanges> Changes);
