using System.Data.Common;
using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage;

/// <summary>Reads a record's stored columns the same way from either ledger's reader (records and record_versions share them).</summary>
internal static class StoredColumns
{
    /// <summary>Reads version, status, precision, time, authority, category, flags from column <paramref name="first"/> on.</summary>
    public static StoredRecord Content(DbDataReader reader, int first) =>
        new(reader.GetInt64(first), (RecordStatus)reader.GetInt16(first + 1),
            RecordTime.FromStored((RecordPrecision)reader.GetInt16(first + 2), reader.GetInt64(first + 3)),
            TextOrNull(reader, first + 4), TextOrNull(reader, first + 5), TextOrNull(reader, first + 6));

    /// <summary>Reads key_id, the content and outcome from column <paramref name="first"/> on.</summary>
    public static (string? KeyId, StoredRecord Content, VersionOutcome Outcome) Version(DbDataReader reader, int first) =>
        (TextOrNull(reader, first), Content(reader, first + 1), (VersionOutcome)reader.GetInt16(first + 8));

    private static string? TextOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
