using AnalysisHub.Domain.Records;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage;

// A record's history (record_versions, then the version its row holds, if any) as the administrators read it, and
// the withdrawal of one key's writes.
public sealed partial class SqliteRecordLedger
{
    private const string VersionColumns = "key_id, " + StoredColumns.ContentColumns + ", outcome";

    /// <inheritdoc />
    public Task<RecordHistory?> HistoryAsync(string feed, string id, CancellationToken cancellationToken = default) =>
        Task.Run(() => History(feed, id), cancellationToken);

    private RecordHistory? History(string feed, string id)
    {
        using var connection = Open();
        // One snapshot: the current state and the versions that made it agree.
        using var tx = connection.BeginTransaction(deferred: true);
        using var current = Command(connection, tx,
            $"SELECT {StoredColumns.ContentColumns}, {RowVersion.Columns} FROM records WHERE feed = $feed AND id = $id", "$feed", "$id");
        current.Parameters[0].Value = feed;
        current.Parameters[1].Value = id;
        StoredRecord? state = null;
        RecordVersion? inRow = null;
        using (var reader = current.ExecuteReader())
            if (reader.Read())
            {
                state = StoredColumns.Content(reader, 0);
                inRow = StoredColumns.RowVersion(reader, 8, state);
            }
        using var select = Command(connection, tx,
            $"SELECT at, {VersionColumns} FROM record_versions WHERE feed = $feed AND id = $id ORDER BY seq, ord", "$feed", "$id");
        select.Parameters[0].Value = feed;
        select.Parameters[1].Value = id;
        var versions = new List<RecordVersion>();
        using (var reader = select.ExecuteReader())
            while (reader.Read())
            {
                var (keyId, content, outcome) = StoredColumns.Version(reader, 1);
                versions.Add(new RecordVersion(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), keyId, content, outcome));
            }
        // The row's version is the record's latest.
        if (inRow is not null) versions.Add(inRow);
        return state is null && versions.Count == 0 ? null : new RecordHistory(state, versions);
    }

    /// <inheritdoc />
    public WithdrawalResult WithdrawWrites(string keyId)
    {
        lock (_writeLock)
        {
            using var tx = _writer.BeginTransaction();
            ApplyPendingTrims(tx);
            using var written = Command(_writer, tx,
                "SELECT EXISTS (SELECT 1 FROM record_versions WHERE key_id = $key) OR EXISTS (SELECT 1 FROM row_versions_by_key WHERE key_id = $key)",
                "$key");
            written.Parameters[0].Value = keyId;
            var hasWritten = (long)written.ExecuteScalar()! != 0;
            var targets = new SortedSet<(string Feed, string Id)>(Comparer<(string Feed, string Id)>.Create((a, b) =>
                string.CompareOrdinal(a.Feed, b.Feed) is var byFeed and not 0 ? byFeed : string.CompareOrdinal(a.Id, b.Id)));
            using (var find = Command(_writer, tx,
                       "SELECT DISTINCT feed, id FROM record_versions WHERE key_id = $key AND outcome <> 5 ORDER BY feed, id", "$key"))
            {
                find.Parameters[0].Value = keyId;
                using var reader = find.ExecuteReader();
                while (reader.Read()) targets.Add((reader.GetString(0), reader.GetString(1)));
            }
            AddRowVersionsOf(keyId, targets, tx);

            using var statements = new RowStatements(_writer, tx);
            using var versionsOf = Command(_writer, tx,
                $"SELECT {VersionColumns} FROM record_versions WHERE feed = $feed AND id = $id ORDER BY seq, ord", "$feed", "$id");
            using var remove = Command(_writer, tx, "DELETE FROM records WHERE feed = $feed AND id = $id", "$feed", "$id");
            using var mark = Command(_writer, tx,
                "UPDATE record_versions SET outcome = 5 WHERE feed = $feed AND id = $id AND key_id = $key", "$feed", "$id", "$key");
            var deltas = new CellDeltas();
            int restored = 0, removed = 0;
            // A version a row holds is listed first, so it is marked and replayed with the others.
            var commit = targets.Count == 0 ? 0 : NextCommitNumber(tx);
            foreach (var (feed, id) in targets)
            {
                statements.ListRowVersion(feed, id, commit);
                statements.ClearRowVersion(feed, id);
                SetIdentity(mark, feed, id);
                mark.Parameters[2].Value = keyId;
                mark.ExecuteNonQuery();
                // A feed no longer in the catalog counts nowhere: its versions are marked, its record left as it is.
                var feedIndex = _vocabulary.FeedIndex(feed);
                if (feedIndex < 0) continue;
                var current = statements.Find(feed, id, feedIndex, _vocabulary, out _);
                SetIdentity(versionsOf, feed, id);
                var versions = new List<(string?, StoredRecord, VersionOutcome)>();
                using (var reader = versionsOf.ExecuteReader())
                    while (reader.Read()) versions.Add(StoredColumns.Version(reader, 0));
                // The key's versions are marked withdrawn above, so the replay leaves them out either way.
                var next = VersionReplay.Without(versions, keyId, feedIndex, _vocabulary);
                if (next is { } state)
                {
                    if (!statements.InsertIfNew(feed, id, state, _vocabulary)) statements.Replace(feed, id, state, _vocabulary);
                    restored++;
                }
                else
                {
                    SetIdentity(remove, feed, id);
                    remove.ExecuteNonQuery();
                    removed++;
                }
                if (current is { } old) deltas.Add(old, -1);
                if (next is { } added) deltas.Add(added, +1);
            }
            var changes = AppendChanges(deltas, tx);
            tx.Commit();
            return new WithdrawalResult(keyId, hasWritten, targets.Count, restored, removed, changes);
        }
    }

    /// <summary>Adds the records whose rows still hold a version by the key (row_versions_by_key, checked against each row).</summary>
    private void AddRowVersionsOf(string keyId, SortedSet<(string Feed, string Id)> targets, SqliteTransaction tx)
    {
        var listed = new List<(string Feed, string Id)>();
        using (var lists = Command(_writer, tx, "SELECT records FROM row_versions_by_key WHERE key_id = $key", "$key"))
        {
            lists.Parameters[0].Value = keyId;
            using var reader = lists.ExecuteReader();
            while (reader.Read()) RecordKeyList.DecodeInto((byte[])reader.GetValue(0), listed);
        }
        using var holds = Command(_writer, tx, "SELECT 1 FROM records WHERE feed = $feed AND id = $id AND first_key = $key", "$feed", "$id", "$key");
        holds.Parameters[2].Value = keyId;
        foreach (var (feed, id) in listed)
        {
            SetIdentity(holds, feed, id);
            if (holds.ExecuteScalar() is not null) targets.Add((feed, id));
        }
    }

    private static void SetIdentity(SqliteCommand command, string feed, string id)
    {
        command.Parameters[0].Value = feed;
        command.Parameters[1].Value = id;
    }
}
