using AnalysisHub.Domain.Records;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AnalysisHub.Storage;

/// <summary>
/// The ledger's hottest statement — insert a record if its identity is new — prepared once on the writer's
/// connection and driven through SQLite's own API (bind by index, step, reset).
/// </summary>
// Implementation note: ADO.NET's per-execution work (finding the statements, resolving parameters by name,
// opening a reader, timing) cost as much as SQLite's insert itself on a bulk load. It runs inside the
// connection's current transaction like any other statement.
internal sealed class RawInsertStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawInsertStatement(SqliteConnection connection, string columns)
    {
        _db = connection.Handle!;
        var sql = $"INSERT INTO records ({columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (feed, id) DO NOTHING";
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>True when the row was inserted; false when its identity already existed.</summary>
    public bool InsertIfNew(string feed, string id, in RecordEntry entry, StoredVocabulary vocabulary)
    {
        Check(raw.sqlite3_bind_text(_statement, 1, feed));
        Check(raw.sqlite3_bind_text(_statement, 2, id));
        Check(raw.sqlite3_bind_int64(_statement, 3, entry.Version));
        Check(raw.sqlite3_bind_int(_statement, 4, (int)entry.Status));
        Check(raw.sqlite3_bind_int(_statement, 5, (int)entry.Precision));
        Check(raw.sqlite3_bind_int64(_statement, 6, entry.Time));
        BindTextOrNull(7, vocabulary.AuthorityCode(entry.Authority));
        BindTextOrNull(8, vocabulary.CategorySlug(entry.Feed, entry.Category));
        BindTextOrNull(9, vocabulary.FlagsText(entry.Flags));
        // The connection's running total of changed rows tells whether this row went in: the statement's
        // own count is unreliable when DO NOTHING changed nothing.
        var before = raw.sqlite3_total_changes(_db);
        var step = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (step != raw.SQLITE_DONE) throw new SqliteException($"insert into the ledger failed: {raw.sqlite3_errmsg(_db).utf8_to_string()}", step);
        return raw.sqlite3_total_changes(_db) > before;
    }

    private void BindTextOrNull(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK) throw new SqliteException($"ledger statement failed: {raw.sqlite3_errmsg(_db).utf8_to_string()}", result);
    }

    public void Dispose() => _statement.Dispose();
}
