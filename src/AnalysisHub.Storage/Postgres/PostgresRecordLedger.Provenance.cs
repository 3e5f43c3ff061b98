using System.Data;
using AnalysisHub.Domain.Records;
using Npgsql;

namespace AnalysisHub.Storage.Postgres;

// A record's history (record_versions, then the version its row holds, if any) as the administrators read it, and
// the withdrawal of one key's writes.
//
// Implementation note: a withdrawal takes its locks in the commits' order — the records it touches by key
// (SELECT … ORDER BY feed, id FOR UPDATE), then the authorities' cursors — and reads the versions only once it
// holds the records: every writer of a record holds that record's lock while it appends its versions, so the
// history read is complete and no version can be added to it before this transaction ends.
public sealed partial class PostgresRecordLedger
{
    private const string Targets = """
        SELECT feed, id FROM record_versions WHERE key_id = @key AND outcome <> 5
        UNION
        SELECT r.feed, r.id FROM unnest(@feed::text[], @id::text[]) AS u (feed, id) JOIN records r ON r.feed = u.feed AND r.id = u.id
        WHERE r.first_key = @key
        ORDER BY feed, id
        """;

    private const string VersionsOfTargets = """
        SELECT k.ord, v.key_id, v.version, v.status, v.precision, v.time, v.authority, v.category, v.flags, v.weight, v.outcome
        FROM unnest(@feed::text[], @id::text[]) WITH ORDINALITY AS k (feed, id, ord)
             JOIN record_versions v ON v.feed = k.feed AND v.id = k.id
        ORDER BY k.ord, v.seq, v.ord
        """;

    private const string UpsertStates = """
        INSERT INTO records (feed, id, version, status, precision, time, authority, category, flags, weight)
        SELECT * FROM unnest(@feed::text[], @id::text[], @version::bigint[], @status::smallint[], @precision::smallint[],
                             @time::bigint[], @authority::text[], @category::text[], @flags::text[], @weight::bigint[])
        ON CONFLICT (feed, id) DO UPDATE
        SET version = excluded.version, status = excluded.status, precision = excluded.precision, time = excluded.time,
            authority = excluded.authority, category = excluded.category, flags = excluded.flags, weight = excluded.weight
        """;

    private const string RemoveRecords = """
        DELETE FROM records r USING unnest(@feed::text[], @id::text[]) AS u (feed, id) WHERE r.feed = u.feed AND r.id = u.id
        """;

    private const string MarkWithdrawn = """
        UPDATE record_versions v SET outcome = 5
        FROM unnest(@feed::text[], @id::text[]) AS u (feed, id)
        WHERE v.feed = u.feed AND v.id = u.id AND v.key_id = @key AND v.outcome <> 5
        """;

    /// <inheritdoc />
    public async Task<RecordHistory?> HistoryAsync(string feed, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot: the current state and the versions that made it agree.
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        StoredRecord? current = null;
        RecordVersion? inRow = null;
        await using (var select = new NpgsqlCommand(
            $"SELECT {StoredColumns.ContentColumns}, {RowVersion.Columns} FROM records WHERE feed = @feed AND id = @id", connection, tx))
        {
            select.Parameters.Add(new NpgsqlParameter<string>("feed", feed));
            select.Parameters.Add(new NpgsqlParameter<string>("id", id));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                current = StoredColumns.Content(reader, 0);
                inRow = StoredColumns.RowVersion(reader, 8, current);
            }
        }
        var versions = new List<RecordVersion>();
        await using (var select = new NpgsqlCommand($"""
            SELECT at, key_id, {StoredColumns.ContentColumns}, outcome
            FROM record_versions WHERE feed = @feed AND id = @id ORDER BY seq, ord
            """, connection, tx))
        {
            select.Parameters.Add(new NpgsqlParameter<string>("feed", feed));
            select.Parameters.Add(new NpgsqlParameter<string>("id", id));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var (keyId, content, outcome) = StoredColumns.Version(reader, 1);
                versions.Add(new RecordVersion(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), keyId, content, outcome));
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        // The row's version is the record's latest.
        if (inRow is not null) versions.Add(inRow);
        return current is null && versions.Count == 0 ? null : new RecordHistory(current, versions);
    }

    /// <inheritdoc />
    public WithdrawalResult WithdrawWrites(string keyId)
    {
        lock (_writeLock)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return WithdrawOnce(keyId);
                }
                catch (PostgresException e) when (attempt < _attempts &&
                    e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
                {
                    // Rolled back whole: read and replay again against what the other writer committed.
                }
                catch
                {
                    DropWriter();
                    throw;
                }
            }
        }
    }

    private WithdrawalResult WithdrawOnce(string keyId)
    {
        var connection = Writer();
        using var tx = connection.BeginTransaction(IsolationLevel.ReadCommitted);
        bool hasWritten;
        using (var written = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM record_versions WHERE key_id = @key) OR EXISTS (SELECT 1 FROM row_versions_by_key WHERE key_id = @key)",
            connection, tx))
        {
            written.Parameters.Add(new NpgsqlParameter<string>("key", keyId));
            hasWritten = (bool)written.ExecuteScalar()!;
        }
        // The records whose rows held a version by the key when written (checked against the rows by Targets).
        var listed = new List<(string Feed, string Id)>();
        using (var lists = new NpgsqlCommand("SELECT records FROM row_versions_by_key WHERE key_id = @key", connection, tx))
        {
            lists.Parameters.Add(new NpgsqlParameter<string>("key", keyId));
            using var reader = lists.ExecuteReader();
            while (reader.Read()) RecordKeyList.DecodeInto(reader.GetFieldValue<byte[]>(0), listed);
        }
        ProbeByIndexOnly(connection, tx);
        var feeds = new List<string>();
        var ids = new List<string>();
        using (var find = new NpgsqlCommand(Targets, connection, tx))
        {
            find.Parameters.Add(new NpgsqlParameter<string>("key", keyId));
            find.Parameters.Add(new NpgsqlParameter<string[]>("feed", listed.Select(r => r.Feed).ToArray()));
            find.Parameters.Add(new NpgsqlParameter<string[]>("id", listed.Select(r => r.Id).ToArray()));
            using var reader = find.ExecuteReader();
            while (reader.Read())
            {
                feeds.Add(reader.GetString(0));
                ids.Add(reader.GetString(1));
            }
        }
        if (feeds.Count == 0)
        {
            tx.Commit();
            return new WithdrawalResult(keyId, hasWritten, 0, 0, 0, []);
        }
        var feedArray = feeds.ToArray();
        var idArray = ids.ToArray();
        var feedIndex = feedArray.Select(_vocabulary.FeedIndex).ToArray();

        // The records' current states, locked (in key order, as every writer locks them).
        var current = new RecordEntry?[feedArray.Length];
        var heldInRows = new List<(string Feed, string Id)>();
        using (var lockRecords = new NpgsqlCommand(LockExisting, connection, tx))
        {
            lockRecords.Parameters.Add(new NpgsqlParameter<string[]>("feed", feedArray));
            lockRecords.Parameters.Add(new NpgsqlParameter<string[]>("id", idArray));
            using var reader = lockRecords.ExecuteReader();
            while (reader.Read())
            {
                var k = (int)reader.GetInt64(0) - 1;
                if (feedIndex[k] >= 0) current[k] = ReadEntry(reader, feedIndex[k]);
                if (!reader.IsDBNull(9)) heldInRows.Add((feedArray[k], idArray[k]));
            }
        }
        // A version a row holds is listed first, so it is read, replayed and marked with the others.
        ListVersionsHeldInRows(connection, tx, new CommitNumber(), heldInRows);
        ClearVersionsHeldInRows(connection, tx, heldInRows);

        var versions = new List<(string?, StoredRecord, VersionOutcome)>[feedArray.Length];
        for (var k = 0; k < versions.Length; k++) versions[k] = [];
        using (var select = new NpgsqlCommand(VersionsOfTargets, connection, tx))
        {
            select.Parameters.Add(new NpgsqlParameter<string[]>("feed", feedArray));
            select.Parameters.Add(new NpgsqlParameter<string[]>("id", idArray));
            using var reader = select.ExecuteReader();
            while (reader.Read()) versions[(int)reader.GetInt64(0) - 1].Add(StoredColumns.Version(reader, 1));
        }

        var deltas = new CellDeltas();
        var restored = new List<(int Target, RecordEntry State)>();
        var removed = new List<int>();
        for (var k = 0; k < feedArray.Length; k++)
        {
            // A feed no longer in the catalog counts nowhere: its versions are marked, its record left as it is.
            if (feedIndex[k] < 0) continue;
            var next = VersionReplay.Without(versions[k], keyId, feedIndex[k], _vocabulary);
            if (next is { } state) restored.Add((k, state));
            else removed.Add(k);
            if (current[k] is { } old) deltas.Add(old, -1);
            if (next is { } added) deltas.Add(added, +1);
        }

        if (restored.Count > 0)
        {
            using var upsert = new NpgsqlCommand(UpsertStates, connection, tx);
            AddStateParameters(upsert, feedArray, idArray, restored);
            upsert.ExecuteNonQuery();
        }
        if (removed.Count > 0)
        {
            using var remove = new NpgsqlCommand(RemoveRecords, connection, tx);
            remove.Parameters.Add(new NpgsqlParameter<string[]>("feed", removed.Select(k => feedArray[k]).ToArray()));
            remove.Parameters.Add(new NpgsqlParameter<string[]>("id", removed.Select(k => idArray[k]).ToArray()));
            remove.ExecuteNonQuery();
        }
        using (var mark = new NpgsqlCommand(MarkWithdrawn, connection, tx))
        {
            mark.Parameters.Add(new NpgsqlParameter<string[]>("feed", feedArray));
            mark.Parameters.Add(new NpgsqlParameter<string[]>("id", idArray));
            mark.Parameters.Add(new NpgsqlParameter<string>("key", keyId));
            mark.ExecuteNonQuery();
        }
        var changes = AppendChanges(connection, tx, deltas);
        tx.Commit();
        return new WithdrawalResult(keyId, hasWritten, feedArray.Length, restored.Count, removed.Count, changes);
    }

    private void AddStateParameters(NpgsqlCommand command, string[] feeds, string[] ids, List<(int Target, RecordEntry State)> states)
    {
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string[]>("feed", states.Select(s => feeds[s.Target]).ToArray()));
        p.Add(new NpgsqlParameter<string[]>("id", states.Select(s => ids[s.Target]).ToArray()));
        p.Add(new NpgsqlParameter<long[]>("version", states.Select(s => s.State.Version).ToArray()));
        p.Add(new NpgsqlParameter<short[]>("status", states.Select(s => (short)s.State.Status).ToArray()));
        p.Add(new NpgsqlParameter<short[]>("precision", states.Select(s => (short)s.State.Time.Precision).ToArray()));
        p.Add(new NpgsqlParameter<long[]>("time", states.Select(s => s.State.Time.Value).ToArray()));
        p.Add(new NpgsqlParameter<string?[]>("authority", states.Select(s => _vocabulary.AuthorityCode(s.State.Authority)).ToArray()));
        p.Add(new NpgsqlParameter<string?[]>("category", states.Select(s => _vocabulary.CategorySlug(s.State.Feed, s.State.Category)).ToArray()));
        p.Add(new NpgsqlParameter<string?[]>("flags", states.Select(s => _vocabulary.FlagsText(s.State.Flags)).ToArray()));
        p.Add(new NpgsqlParameter<long?[]>("weight", states.Select(s => StoredColumns.WeightColumn(s.State.Weight)).ToArray()));
    }
}
