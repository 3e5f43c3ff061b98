using AnalysisHub.Domain.Records;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AnalysisHub.Storage;

/// <summary>The ledger's hottest statement: insert a record if its identity is new.</summary>
/// <param name="columns">feed, id and the content columns; the row's version columns (<see cref="RowVersion.Columns"/>) follow them.</param>
internal sealed class RawInsertStatement(SqliteConnection connection, string columns) : RawStatement(connection,
    $"INSERT INTO records ({columns}, {RowVersion.Columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (feed, id) DO NOTHING")
{
    /// <summary>
    /// True when the row was inserted; false when its identity already existed. With <paramref name="versionAt"/>
    /// the row holds its version itself (<see cref="RowVersion"/>), committed then by <paramref name="keyId"/>.
    /// </summary>
    public bool InsertIfNew(string feed, string id, in RecordEntry entry, StoredVocabulary vocabulary, long? versionAt, string? keyId)
    {
        BindText(1, feed);
        BindText(2, id);
        BindContent(3, entry, vocabulary);
        BindInt64OrNull(11, versionAt);
        BindTextOrNull(12, versionAt is null ? null : keyId);
        // The connection's running total of changed rows tells whether this row went in: the statement's
        // own count is unreliable when DO NOTHING changed nothing.
        var before = raw.sqlite3_total_changes(Db);
        Step("insert into the ledger");
        return raw.sqlite3_total_changes(Db) > before;
    }
}
