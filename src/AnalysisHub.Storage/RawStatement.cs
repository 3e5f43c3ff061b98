using AnalysisHub.Domain.Records;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AnalysisHub.Storage;

/// <summary>
/// A statement prepared once on the writer's connection and driven through SQLite's own API (bind by index, step,
/// reset), for the statements a commit runs once per row. It runs inside the connection's current transaction.
/// </summary>
// Implementation note: ADO.NET's per-execution work (finding the statements, resolving parameters by name,
// opening a reader, timing) cost as much as SQLite's insert itself on a bulk load.
internal abstract class RawStatement : IDisposable
{
    private readonly sqlite3_stmt _statement;

    protected RawStatement(SqliteConnection connection, string sql)
    {
        Db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(Db, sql, out _statement));
    }

    protected sqlite3 Db { get; }

    // Text is bound as UTF-16 straight from the string, which SQLite converts and copies: binding a string as UTF-8
    // made a managed byte array per value, five per ledger row. An empty span may have no address, which SQLite
    // would take for NULL, so the empty string goes the other way.
    protected void BindText(int index, string value) => Check(Text(index, value));

    /// <summary>Text from a span (non-empty), such as one formatted on the stack.</summary>
    protected void BindText(int index, ReadOnlySpan<char> value) => Check(raw.sqlite3_bind_text16(_statement, index, value));

    protected void BindTextOrNull(int index, string? value) => Check(value is null ? raw.sqlite3_bind_null(_statement, index) : Text(index, value));

    private int Text(int index, string value) =>
        value.Length == 0 ? raw.sqlite3_bind_text(_statement, index, value) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan());

    protected void BindInt(int index, int value) => Check(raw.sqlite3_bind_int(_statement, index, value));

    protected void BindInt64(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    protected void BindInt64OrNull(int index, long? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    /// <summary>Binds a record's content (<see cref="StoredColumns.ContentColumns"/>, eight values) from <paramref name="first"/> on.</summary>
    protected void BindContent(int first, in RecordEntry entry, StoredVocabulary vocabulary)
    {
        BindInt64(first, entry.Version);
        BindInt(first + 1, (int)entry.Status);
        BindInt(first + 2, (int)entry.Time.Precision);
        BindInt64(first + 3, entry.Time.Value);
        BindTextOrNull(first + 4, vocabulary.AuthorityCode(entry.Authority));
        BindTextOrNull(first + 5, vocabulary.CategorySlug(entry.Feed, entry.Category));
        BindTextOrNull(first + 6, vocabulary.FlagsText(entry.Flags));
        if (StoredColumns.WeightColumn(entry.Weight) is { } weight) BindInt64(first + 7, weight);
        else Check(raw.sqlite3_bind_null(_statement, first + 7));
    }

    /// <summary>Binds stored content (<see cref="StoredColumns.ContentColumns"/>, eight values) from <paramref name="first"/> on.</summary>
    protected void BindStored(int first, StoredRecord content)
    {
        BindInt64(first, content.Version);
        BindInt(first + 1, (int)content.Status);
        BindInt(first + 2, (int)content.Time.Precision);
        BindInt64(first + 3, content.Time.Value);
        BindTextOrNull(first + 4, content.Authority);
        BindTextOrNull(first + 5, content.Category);
        BindTextOrNull(first + 6, content.Flags);
        BindInt64OrNull(first + 7, StoredColumns.WeightColumn(content.Weight));
    }

    /// <summary>Runs the bound statement once and resets it for the next row; <paramref name="what"/> names it in an error.</summary>
    protected void Step(string what)
    {
        var step = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (step != raw.SQLITE_DONE) throw new SqliteException($"{what} failed: {raw.sqlite3_errmsg(Db).utf8_to_string()}", step);
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK) throw new SqliteException($"SQLite statement failed: {raw.sqlite3_errmsg(Db).utf8_to_string()}", result);
    }

    public void Dispose() => _statement.Dispose();
}
