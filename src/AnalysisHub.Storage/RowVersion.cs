using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage;

/// <summary>
/// The one version a record's row can hold itself (records.first_at, records.first_key) instead of a row in
/// record_versions: the version that inserted the record, while it is the record's only version since the record was
/// last absent. Its content is the row's own and its outcome follows from its status (an insert is accepted, or
/// cancelled when it is a tombstone), so the row adds only when it was committed and by which key.
/// </summary>
/// <remarks>
/// A bulk load of new records then writes the records row and nothing else per record: a second random-key
/// B-tree insert into record_versions had cost a quarter of the load's throughput. The version is listed in
/// record_versions (and the row's columns cleared) in the same transaction as anything that adds a version to the
/// record or changes its row; it is always the record's latest version, so it is listed under the listing
/// commit's number, ahead of that commit's own rows (<see cref="ListedOrd"/>), and a history read appends it last.
/// Withdrawing a key's writes finds the rows holding its versions through row_versions_by_key (one row per key and
/// commit, <see cref="RecordKeyList"/>), not an index on records: that index cost a quarter of the ledger's CPU on a load.
/// </remarks>
internal static class RowVersion
{
    /// <summary>The row's columns for it, in this order: commit time (UTC Unix milliseconds, null when the row holds none), then key.</summary>
    public const string Columns = "first_at, first_key";

    /// <summary>The place in the listing commit given to a version moved from a row: before any row of that commit.</summary>
    public const int ListedOrd = -1;

    /// <summary>SQL for its outcome from the row's status column (VersionOutcome.Cancelled or Accepted).</summary>
    public const string OutcomeSql = "CASE status WHEN 1 THEN 4 ELSE 0 END";

    /// <summary>Its outcome: what an insert of a row with this status was decided to be.</summary>
    public static VersionOutcome Outcome(RecordStatus status) =>
        status == RecordStatus.Cancelled ? VersionOutcome.Cancelled : VersionOutcome.Accepted;
}
