using AnalysisHub.Domain.Records;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage;

/// <summary>The prepared per-row statements of one commit, reused for every row.</summary>
internal sealed class RowStatements : IDisposable
{
    private const string Columns = "feed, id, " + StoredColumns.ContentColumns;

    /// <summary>The columns <see cref="ReadEntry"/> reads, in its order.</summary>
    public const string EntryColumns = "feed, " + StoredColumns.ContentColumns;
    private static readonly string[] Parameters = ["$feed", "$id", "$version", "$status", "$precision", "$time", "$authority", "$category", "$flags", "$weight"];

    private readonly RawInsertStatement _insert;
    private readonly SqliteCommand _find;
    private readonly SqliteCommand _replace;
    private readonly RawListVersionStatement _listRowVersion;
    private readonly RawClearVersionStatement _clearRowVersion;
    private readonly RawVersionStatement _appendListed;

    public RowStatements(SqliteConnection connection, SqliteTransaction tx)
    {
        _insert = new RawInsertStatement(connection, Columns);
        _find = SqliteRecordLedger.Command(connection, tx,
            $"SELECT {EntryColumns}, {RowVersion.Columns} FROM records WHERE feed = $feed AND id = $id", "$feed", "$id");
        // A replaced row holds no version of its own: the one it held is listed first (ListRowVersion).
        _replace = SqliteRecordLedger.Command(connection, tx, """
            UPDATE records SET version = $version, status = $status, precision = $precision, time = $time,
                               authority = $authority, category = $category, flags = $flags, weight = $weight,
                               first_at = NULL, first_key = NULL
            WHERE feed = $feed AND id = $id
            """, Parameters);
        _listRowVersion = new RawListVersionStatement(connection);
        _appendListed = new RawVersionStatement(connection);
        _clearRowVersion = new RawClearVersionStatement(connection);
        _find.Prepare();
        _replace.Prepare();
    }

    /// <summary>
    /// Inserts the record if its identity is new; false when it already exists. With <paramref name="versionAt"/> the
    /// row keeps its version itself (<see cref="RowVersion"/>), committed then by <paramref name="keyId"/>.
    /// </summary>
    public bool InsertIfNew(string feed, string id, in RecordEntry entry, StoredVocabulary vocabulary, long? versionAt = null,
        string? keyId = null) =>
        _insert.InsertIfNew(feed, id, entry, vocabulary, versionAt, keyId);

    /// <summary>
    /// Copies the version the record's row holds, if it holds one, into record_versions under commit number
    /// <paramref name="commit"/>: as the other overload, reading the row itself, for a withdrawal (which meets feeds
    /// no longer in the catalog, whose rows <see cref="Find"/> cannot read).
    /// </summary>
    public void ListRowVersion(string feed, string id, long commit) => _listRowVersion.List(feed, id, commit);

    /// <summary>Clears the version the record's row holds, once listed.</summary>
    public void ClearRowVersion(string feed, string id) => _clearRowVersion.Clear(feed, id);

    public void Replace(string feed, string id, in RecordEntry entry, StoredVocabulary vocabulary)
    {
        Bind(_replace, feed, id, entry, vocabulary);
        _replace.ExecuteNonQuery();
    }

    /// <summary>The record's stored state (null when absent or no longer mapping onto the vocabulary).</summary>
    /// <param name="rowVersion">the version its row holds itself (<see cref="RowVersion"/>), as stored; null when none.</param>
    public RecordEntry? Find(string feed, string id, int feedIndex, StoredVocabulary vocabulary, out RecordVersion? rowVersion)
    {
        _find.Parameters[0].Value = feed;
        _find.Parameters[1].Value = id;
        using var reader = _find.ExecuteReader();
        rowVersion = null;
        if (!reader.Read()) return null;
        if (!reader.IsDBNull(9)) rowVersion = StoredColumns.RowVersion(reader, 9, StoredColumns.Content(reader, 1));
        return ReadEntry(reader, feedIndex, vocabulary);
    }

    /// <summary>
    /// Appends the version a record's row held (read by <see cref="Find"/>) to record_versions under commit number
    /// <paramref name="commit"/>, ahead of that commit's own rows. The caller then replaces the row (which clears
    /// it) or clears it (<see cref="ClearRowVersion"/>) in the same transaction.
    /// </summary>
    public void ListRowVersion(string feed, string id, long commit, RecordVersion rowVersion) =>
        _appendListed.AppendListed(feed, id, commit, rowVersion);

    /// <summary>Reads a row selected as <see cref="EntryColumns"/> (the feed column is not read).</summary>
    public static RecordEntry? ReadEntry(SqliteDataReader reader, int feedIndex, StoredVocabulary vocabulary) =>
        vocabulary.ToEntry(feedIndex, reader.GetInt64(1), (RecordStatus)reader.GetInt32(2),
            RecordTime.FromStored((RecordPrecision)reader.GetInt32(3), reader.GetInt64(4)), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7), StoredColumns.Weight(reader, 8));

    private static void Bind(SqliteCommand command, string feed, string id, in RecordEntry entry, StoredVocabulary vocabulary)
    {
        var p = command.Parameters;
        p[0].Value = feed;
        p[1].Value = id;
        p[2].Value = entry.Version;
        p[3].Value = (int)entry.Status;
        p[4].Value = (int)entry.Time.Precision;
        p[5].Value = entry.Time.Value;
        p[6].Value = (object?)vocabulary.AuthorityCode(entry.Authority) ?? DBNull.Value;
        p[7].Value = (object?)vocabulary.CategorySlug(entry.Feed, entry.Category) ?? DBNull.Value;
        p[8].Value = (object?)vocabulary.FlagsText(entry.Flags) ?? DBNull.Value;
        p[9].Value = (object?)StoredColumns.WeightColumn(entry.Weight) ?? DBNull.Value;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _find.Dispose();
        _replace.Dispose();
        _listRowVersion.Dispose();
        _clearRowVersion.Dispose();
        _appendListed.Dispose();
    }
}
