using AnalysisHub.Domain.Access;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage.Access;

/// <summary>
/// The audit trail's one statement, run once per entry: every partner read is an entry, so at thousands of reads a
/// second the parameter lookups by name of an ADO.NET command cost as much as SQLite's insert.
/// </summary>
internal sealed class RawAuditInsert(SqliteConnection connection) : RawStatement(connection,
    $"INSERT INTO audit ({AuditColumns.Names}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
{
    public void Insert(AuditEntry e)
    {
        Span<char> at = stackalloc char[SqliteFiles.TimeLength];
        BindText(1, SqliteFiles.FormatTime(e.At, at));
        BindTextOrNull(2, e.KeyId);
        BindTextOrNull(3, e.Owner);
        BindText(4, e.Action);
        BindText(5, e.Method);
        BindText(6, e.Path);
        BindInt(7, e.Status);
        BindTextOrNull(8, e.Feed);
        BindInt64OrNull(9, e.Rows);
        BindTextOrNull(10, AuditColumns.Counts(e.Counts));
        BindTextOrNull(11, e.BodySha256);
        Step("audit entry");
    }
}
