using AnalysisHub.Domain.Changes;

namespace AnalysisHub.Storage;

/// <summary>
/// The record ledger as the writer sees it: one durable commit per group of batches, plus the change log
/// the authority grains read. <see cref="SqliteRecordLedger"/> (one process) and
/// <see cref="Postgres.PostgresRecordLedger"/> (several writer processes) keep the same contract.
/// </summary>
public interface IRecordLedger : IChangeLog
{
    /// <summary>
    /// Applies the batches in order inside one transaction and makes them durable, with every row's version
    /// (who sent it, what it said, what it did) kept in the record's history.
    /// </summary>
    CommitResult Commit(IReadOnlyList<IncomingBatch> batches);

    /// <summary>
    /// Withdraws every version the key wrote, in one transaction: each record it wrote is set to what its other
    /// versions make it (replayed in arrival order) or removed when none is left, the cells change accordingly, and
    /// the key's versions are marked withdrawn so no later replay reads them. The key itself is not touched.
    /// </summary>
    /// <remarks>Serialised with <see cref="Commit"/> by the caller (the group commit), as every other write is.</remarks>
    WithdrawalResult WithdrawWrites(string keyId);

    /// <summary>A record's current state and its versions, oldest first; null when the feed holds neither for this id.</summary>
    Task<RecordHistory?> HistoryAsync(string feed, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// For each of these ids the feed already holds, the ONS code of the authority it counts in (null when it is
    /// stored without content), so a footprint-limited writer can be kept from moving or cancelling another area's
    /// records. Ids not stored are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, string?>> StoredAuthoritiesAsync(string feed, IReadOnlyCollection<string> ids,
        CancellationToken cancellationToken = default);
}
