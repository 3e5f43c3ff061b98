using AnalysisHub.Domain.Records;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AnalysisHub.Storage;

/// <summary>The ledger's hottest statement: insert a record if its identity is new.</summary>
internal sealed class RawInsertStatement(SqliteConnection connection, string columns) : RawStatement(connection,
    $"INSERT INTO records ({columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (feed, id) DO NOTHING")
{
    /// <summary>True when the row was inserted; false when its identity already existed.</summary>
    public bool InsertIfNew(string feed, string id, in RecordEntry entry, StoredVocabulary vocabulary)
    {
        BindText(1, feed);
        BindText(2, id);
        BindContent(3, entry, vocabulary);
        // The connection's running total of changed rows tells whether this row went in: the statement's
        // own count is unreliable when DO NOTHING changed nothing.
        var before = raw.sqlite3_total_changes(Db);
        Step("insert into the ledger");
        return raw.sqlite3_total_changes(Db) > before;
    }
}
