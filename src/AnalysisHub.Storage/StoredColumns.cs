using System.Data.Common;
using AnalysisHub.Domain.Records;

namespace AnalysisHub.Storage;

/// <summary>Reads a record's stored columns the same way from either ledger's reader (records and record_versions share them).</summary>
internal static class StoredColumns
{
    /// <summary>The content columns, in the order <see cref="Content"/> reads them.</summary>
    public const string ContentColumns = "version, status, precision, time, authority, category, flags, weight";

    /// <summary>Reads <see cref="ContentColumns"/> from column <paramref name="first"/> on.</summary>
    public static StoredRecord Content(DbDataReader reader, int first) =>
        new(reader.GetInt64(first), (RecordStatus)reader.GetInt16(first + 1),
            RecordTime.FromStored((RecordPrecision)reader.GetInt16(first + 2), reader.GetInt64(first + 3)),
            TextOrNull(reader, first + 4), TextOrNull(reader, first + 5), TextOrNull(reader, first + 6), Weight(reader, first + 7));

    /// <summary>A stored weight (millionths), or none when the column is null.</summary>
    public static RecordWeight Weight(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? default : RecordWeight.FromStored(reader.GetInt64(ordinal));

    /// <summary>The weight column's value: null for a record of an unweighted feed.</summary>
    public static long? WeightColumn(RecordWeight weight) => weight.IsWeighted ? weight.Micros : null;

    /// <summary>Reads key_id, the content and outcome from column <paramref name="first"/> on.</summary>
    public static (string? KeyId, StoredRecord Content, VersionOutcome Outcome) Version(DbDataReader reader, int first) =>
        (TextOrNull(reader, first), Content(reader, first + 1), (VersionOutcome)reader.GetInt16(first + 9));

    /// <summary>
    /// The version a record's row holds itself, from <see cref="RowVersion.Columns"/> read at column <paramref name="first"/> on
    /// (the row's content is <paramref name="content"/>); null when the row holds none.
    /// </summary>
    public static RecordVersion? RowVersion(DbDataReader reader, int first, StoredRecord content) =>
        reader.IsDBNull(first) ? null
            : new RecordVersion(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(first)), TextOrNull(reader, first + 1), content,
                Storage.RowVersion.Outcome(content.Status));

    private static string? TextOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
