using AnalysisHub.Domain.Records;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage;

/// <summary>Appends one row to a record's history (record_versions): a commit writes one for every row it applies.</summary>
internal sealed class RawVersionStatement(SqliteConnection connection) : RawStatement(connection, """
    INSERT INTO record_versions (feed, id, seq, ord, at, key_id, version, status, precision, time, authority, category, flags, weight, outcome)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
    """)
{
    /// <param name="commit">the commit's number (ledger_commits); <paramref name="row"/> orders rows within it.</param>
    public void Append(string feed, string id, long commit, int row, long atMilliseconds, string? keyId, in RecordEntry entry,
        RecordOutcome outcome, StoredVocabulary vocabulary)
    {
        BindText(1, feed);
        BindText(2, id);
        BindInt64(3, commit);
        BindInt(4, row);
        BindInt64(5, atMilliseconds);
        BindTextOrNull(6, keyId);
        BindContent(7, entry, vocabulary);
        BindInt(15, (int)outcome);
        Step("appending to the record history");
    }

    /// <summary>Appends a version as stored (the one a record's row held, <see cref="RowVersion"/>), under the listing commit.</summary>
    public void AppendListed(string feed, string id, long commit, RecordVersion version)
    {
        BindText(1, feed);
        BindText(2, id);
        BindInt64(3, commit);
        BindInt(4, RowVersion.ListedOrd);
        BindInt64(5, version.At.ToUnixTimeMilliseconds());
        BindTextOrNull(6, version.KeyId);
        BindStored(7, version.Content);
        BindInt(15, (int)version.Outcome);
        Step("listing a record's version");
    }
}
