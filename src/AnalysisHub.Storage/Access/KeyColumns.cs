using System.Data.Common;
using AnalysisHub.Domain.Access;

namespace AnalysisHub.Storage.Access;

/// <summary>
/// How a key is laid out in a row, the same in SQLite and PostgreSQL: scopes and footprints as space-separated
/// text (neither ever holds a space), times as UTC.
/// </summary>
internal static class KeyColumns
{
    public const string Select = "id, secret_sha256, owner, scopes, footprints, created_at, expires_at, revoked_at";

    public static string Join(IReadOnlyList<string> values) => string.Join(' ', values);

    public static string? JoinOrNull(IReadOnlyList<string>? values) => values is null ? null : Join(values);

    public static (AccessKey Key, string SecretHash) Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) =>
        (new AccessKey(
            reader.GetString(0),
            reader.GetString(2),
            Split(reader.GetString(3)),
            reader.IsDBNull(4) ? null : Split(reader.GetString(4)),
            time(reader, 5),
            reader.IsDBNull(6) ? null : time(reader, 6),
            reader.IsDBNull(7) ? null : time(reader, 7)), reader.GetString(1));

    private static string[] Split(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
