using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage;

/// <summary>
/// Copies the version a record's row holds (<see cref="RowVersion"/>), if it holds one, into record_versions, for a
/// withdrawal. A commit lists the version from the row it has read already (<see cref="RawVersionStatement.AppendListed"/>):
/// measured on the first correction of every record of a load, this statement cost 3 µs a record more. The row's
/// columns are cleared by the caller (<see cref="RawClearVersionStatement"/>, or the replace of the row).
/// </summary>
internal sealed class RawListVersionStatement(SqliteConnection connection) : RawStatement(connection, $"""
    INSERT INTO record_versions (feed, id, seq, ord, at, key_id, {StoredColumns.ContentColumns}, outcome)
    SELECT feed, id, ?3, {RowVersion.ListedOrd}, first_at, first_key, {StoredColumns.ContentColumns}, {RowVersion.OutcomeSql}
    FROM records WHERE feed = ?1 AND id = ?2 AND first_at IS NOT NULL
    """)
{
    /// <param name="commit">the listing commit's number: the version goes ahead of that commit's own rows.</param>
    public void List(string feed, string id, long commit)
    {
        BindText(1, feed);
        BindText(2, id);
        BindInt64(3, commit);
        Step("listing a record's version");
    }
}
