using System.Data.Common;
using System.Text.Json;
using AnalysisHub.Domain.Access;
using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage.Access;

/// <summary>How an audit entry is laid out in a row, the same in SQLite and PostgreSQL (counts as JSON text).</summary>
internal static class AuditColumns
{
    public const string Names = "at, key_id, owner, action, method, path, status, feed, rows, counts, body_sha256";

    public const string Select = "number, " + Names;

    public static string? Counts(IngestCounts? counts) => counts is null ? null : JsonSerializer.Serialize(counts);

    public static (long Number, AuditEntry Entry) Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) =>
        (reader.GetInt64(0), new AuditEntry(
            time(reader, 1),
            Text(reader, 2),
            Text(reader, 3),
            reader.GetString(4),
            reader.GetString(5),
            reader.GetString(6),
            reader.GetInt32(7),
            Text(reader, 8),
            reader.IsDBNull(9) ? null : reader.GetInt32(9),
            reader.IsDBNull(10) ? null : JsonSerializer.Deserialize<IngestCounts>(reader.GetString(10)),
            Text(reader, 11)));

    /// <summary>The page and its cursor: one row more than the limit is read to know whether an older page exists.</summary>
    public static AuditPage Page(List<(long Number, AuditEntry Entry)> rows, int limit) =>
        rows.Count > limit ? new AuditPage(rows[..limit], rows[limit - 1].Number) : new AuditPage(rows, null);

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
