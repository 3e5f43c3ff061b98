using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage;

/// <summary>
/// The record ledger as the writer sees it: one durable commit per group of batches, plus the change log
/// the authority grains read. <see cref="SqliteRecordLedger"/> (one process) and
/// <see cref="Postgres.PostgresRecordLedger"/> (several writer processes) keep the same contract.
/// </summary>
public interface IRecordLedger : IChangeLog
{
    /// <summary>Applies the batches in order inside one transaction and makes them durable.</summary>
    CommitResult Commit(IReadOnlyList<IReadOnlyList<IncomingRecord>> batches);

    /// <summary>
    /// For each of these ids the feed already holds, the ONS code of the authority it counts in (null when it is
    /// stored without content), so a footprint-limited writer can be kept from moving or cancelling another area's
    /// records. Ids not stored are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, string?>> StoredAuthoritiesAsync(string feed, IReadOnlyCollection<string> ids,
        CancellationToken cancellationToken = default);
}
