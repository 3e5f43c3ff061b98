using AnalysisHub.Domain.Records;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AnalysisHub.Storage;

/// <summary>
/// Appends one row to a record's history (record_versions), prepared once per commit and driven through SQLite's
/// own API like <see cref="RawInsertStatement"/>: a commit writes one of these for every row it applies.
/// </summary>
internal sealed class RawVersionStatement : IDisposable
{
    private const string Sql = """
        INSERT INTO record_versions (feed, id, seq, ord, at, key_id, version, status, precision, time, authority, category, flags, outcome)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
        """;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawVersionStatement(SqliteConnection connection)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, Sql, out _statement));
    }

    /// <param name="commit">the commit's number (ledger_commits); <paramref name="row"/> orders rows within it.</param>
    public void Append(string feed, string id, long commit, int row, long atMilliseconds, string? keyId, in RecordEntry entry,
        RecordOutcome outcome, StoredVocabulary vocabulary)
    {
        Check(raw.sqlite3_bind_text(_statement, 1, feed));
        Check(raw.sqlite3_bind_text(_statement, 2, id));
        Check(raw.sqlite3_bind_int64(_statement, 3, commit));
        Check(raw.sqlite3_bind_int(_statement, 4, row));
        Check(raw.sqlite3_bind_int64(_statement, 5, atMilliseconds));
        BindTextOrNull(6, keyId);
        Check(raw.sqlite3_bind_int64(_statement, 7, entry.Version));
        Check(raw.sqlite3_bind_int(_statement, 8, (int)entry.Status));
        Check(raw.sqlite3_bind_int(_statement, 9, (int)entry.Precision));
        Check(raw.sqlite3_bind_int64(_statement, 10, entry.Time));
        BindTextOrNull(11, vocabulary.AuthorityCode(entry.Authority));
        BindTextOrNull(12, vocabulary.CategorySlug(entry.Feed, entry.Category));
        BindTextOrNull(13, vocabulary.FlagsText(entry.Flags));
        Check(raw.sqlite3_bind_int(_statement, 14, (int)outcome));
        var step = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (step != raw.SQLITE_DONE) throw new SqliteException($"appending to the record history failed: {raw.sqlite3_errmsg(_db).utf8_to_string()}", step);
    }

    private void BindTextOrNull(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK) throw new SqliteException($"ledger statement failed: {raw.sqlite3_errmsg(_db).utf8_to_string()}", result);
    }

    public void Dispose() => _statement.Dispose();
}
