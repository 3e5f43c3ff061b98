using System.Collections.Concurrent;
using System.Data;
using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Records;
using Npgsql;
using NpgsqlTypes;

namespace AnalysisHub.Storage.Postgres;

/// <summary>
/// The record ledger on PostgreSQL, for a cluster of several silos writing to one database. Same contract as
/// <see cref="SqliteRecordLedger"/>: a commit decides every row (accepted, duplicate, stale, updated, cancelled),
/// updates the records, and appends each touched authority's net cell changes — all in one transaction.
/// </summary>
// Implementation note (set-based): a group is a handful of round trips whatever its size — a binary COPY of
// each identity's first row (sorted by key) into a session temp table and one INSERT … SELECT … ON CONFLICT DO
// NOTHING that answers which identities already existed; one SELECT … FOR UPDATE of those rows; one
// UPDATE … FROM unnest(array parameters) with each changed identity's final state; a binary COPY of every row into
// its record's history (record_versions), but for a new identity's only row, which its records row holds (RowVersion);
// and one statement that numbers and appends the authorities' changes. The rows are decided in memory, in row order, with LedgerRules.Decide,
// exactly as SqliteRecordLedger decides them one statement at a time (later rows of an identity see the state an
// earlier row left, read back through the vocabulary as SQLite would read it from its table).
//
// Implementation note (isolation): READ COMMITTED plus row locks, so writers in different processes serialise
// only where they touch the same identities or authorities:
// - a new identity another writer is inserting makes our INSERT … ON CONFLICT wait for that transaction; once it
//   commits the row is a conflict (not ours), and the next statement's fresh snapshot sees it;
// - SELECT … FOR UPDATE on every existing identity we decide on waits for any writer holding it and then returns
//   the latest committed version (READ COMMITTED re-reads a row after waiting for its lock), and we hold the
//   locks until commit: no other writer can change a row between our decision and our commit;
// - the cursor upsert (INSERT … ON CONFLICT (authority) DO UPDATE SET seq = seq + 1 RETURNING seq) locks the
//   authority's cursor row until commit, so numbers are gap-free and commit in number order per authority:
//   a reader never sees change n+1 without change n.
// Every writer takes its locks in one global order — trims by authority, new identities by key, existing rows by
// key (ORDER BY before FOR UPDATE), cursors by authority, each phase after the previous — so writers do not
// deadlock; a deadlock or serialisation failure all the same retries the whole commit (nothing of it applied).
// REPEATABLE READ would instead fail writers that touch the same rows; Rebuild uses it only to read the cursor
// and the records from one snapshot.
//
// Implementation note (all-new groups): a bulk load or a feed of fresh records meets no stored identity, and then
// the temp table, the ON CONFLICT insert and its anti-join are work for nothing. Such a group is first tried as a
// binary COPY straight into records, inside a savepoint, in the same key order: the primary key rejects it at the
// first identity that exists (or that a concurrent writer has just committed), the savepoint undoes the partial
// COPY, and the group takes the general path. Measured on a 1,000,000-record load, PostgreSQL's share of a commit
// fell by about half. After a miss the next groups go straight to the general path, so a feed of corrections
// does not pay for a failing COPY every time.
public sealed partial class PostgresRecordLedger : IRecordLedger, IDisposable
{

    // The group's new-identity candidates arrive by binary COPY into a session temp table (emptied at every
    // commit). Measured here, COPY + INSERT … SELECT beat INSERT … SELECT FROM unnest(array parameters) by ~25%.
    private const string CreateIncoming = """
        CREATE TEMP TABLE IF NOT EXISTS ledger_incoming (
            feed text, id text, version bigint, status smallint, precision smallint, time bigint,
            authority text, category text, flags text, weight bigint, first_at bigint, first_key text, ord integer)
        ON COMMIT DELETE ROWS
        """;

    /// <summary>The columns <see cref="WriteRecordColumns"/> writes, in its order.</summary>
    private const string RecordColumns = "feed, id, " + StoredColumns.ContentColumns;

    /// <summary>A new record's columns: <see cref="RecordColumns"/>, then the version its row may hold (<see cref="RowVersion"/>).</summary>
    private const string NewRecordColumns = RecordColumns + ", " + RowVersion.Columns;

    private const string CopyRecords = $"COPY records ({NewRecordColumns}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Groups that take the general path after one met an existing identity, before COPY is tried again.</summary>
    private const int GroupsBetweenCopyAttemptsAfterAMiss = 16;

    private const string CopyIncoming = $"COPY ledger_incoming ({NewRecordColumns}, ord) FROM STDIN (FORMAT BINARY)";

    // Answers with the positions (0-based, in COPY order) of the identities that already existed: none on a
    // pure load, so nothing but the row count comes back.
    private const string InsertNew = """
        WITH ins AS (
            INSERT INTO records (feed, id, version, status, precision, time, authority, category, flags, weight, first_at, first_key)
            SELECT feed, id, version, status, precision, time, authority, category, flags, weight, first_at, first_key FROM ledger_incoming ORDER BY ord
            ON CONFLICT (feed, id) DO NOTHING
            RETURNING feed, id)
        SELECT k.ord FROM ledger_incoming k WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.feed = k.feed AND ins.id = k.id)
        """;

    private const string LockExisting = """
        SELECT k.ord, r.version, r.status, r.precision, r.time, r.authority, r.category, r.flags, r.weight, r.first_at, r.first_key
        FROM unnest(@feed::text[], @id::text[]) WITH ORDINALITY AS k (feed, id, ord)
             JOIN records r ON r.feed = k.feed AND r.id = k.id
        ORDER BY r.feed, r.id
        FOR UPDATE OF r
        """;

    private const string ReplaceChanged = """
        UPDATE records r
        SET version = u.version, status = u.status, precision = u.precision, time = u.time,
            authority = u.authority, category = u.category, flags = u.flags, weight = u.weight,
            first_at = NULL, first_key = NULL -- the version the row held is listed by AppendVersions
        FROM unnest(@feed::text[], @id::text[], @version::bigint[], @status::smallint[], @precision::smallint[],
                    @time::bigint[], @authority::text[], @category::text[], @flags::text[], @weight::bigint[])
             AS u (feed, id, version, status, precision, time, authority, category, flags, weight)
        WHERE r.feed = u.feed AND r.id = u.id
        """;

    private const string AppendNumbered = """
        WITH d AS (SELECT * FROM unnest(@authority::text[], @cells::bytea[]) AS d (authority, cells)),
        n AS (
            INSERT INTO authority_cursor (authority, seq)
            SELECT authority, 1 FROM d ORDER BY authority
            ON CONFLICT (authority) DO UPDATE SET seq = authority_cursor.seq + 1
            RETURNING authority, seq)
        INSERT INTO cell_changes (authority, seq, cells)
        SELECT n.authority, n.seq, d.cells FROM n JOIN d ON d.authority = n.authority
        RETURNING authority, seq
        """;

    // Copies the version each of these records' rows holds into record_versions, for a withdrawal (which then clears
    // the rows with ClearRowVersions). A commit lists them in its versions COPY instead, from the rows it locked:
    // measured on the first correction of every record of a load, this join cost PostgreSQL 6 µs a record more.
    private static readonly string ListRowVersions = $"""
        INSERT INTO record_versions (feed, id, seq, ord, at, key_id, {StoredColumns.ContentColumns}, outcome)
        SELECT r.feed, r.id, @seq, {RowVersion.ListedOrd}, r.first_at, r.first_key, r.version, r.status, r.precision, r.time,
               r.authority, r.category, r.flags, r.weight, {RowVersion.OutcomeSql}
        FROM unnest(@feed::text[], @id::text[]) AS u (feed, id) JOIN records r ON r.feed = u.feed AND r.id = u.id
        WHERE r.first_at IS NOT NULL
        """;

    private const string ClearRowVersions = """
        UPDATE records r SET first_at = NULL, first_key = NULL
        FROM unnest(@feed::text[], @id::text[]) AS u (feed, id) WHERE r.feed = u.feed AND r.id = u.id
        """;

    private const string ListRowVersionsByKey = """
        INSERT INTO row_versions_by_key (key_id, at, records)
        SELECT u.key_id, @at, u.records FROM unnest(@key::text[], @records::bytea[]) AS u (key_id, records)
        """;

    private const string CopyVersions =
        "COPY record_versions (feed, id, seq, ord, at, key_id, " + StoredColumns.ContentColumns + ", outcome) FROM STDIN (FORMAT BINARY)";

    private const string TrimChanges = """
        DELETE FROM cell_changes c
        USING unnest(@authority::text[], @through::bigint[]) AS t (authority, through)
        WHERE c.authority = t.authority AND c.seq <= t.through
        """;

    private readonly StoredVocabulary _vocabulary;
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _attempts;
    private readonly TimeProvider _clock;
    private readonly Lock _writeLock = new();
    // The writer's own session (it holds the temp table); reopened after any failure.
    private NpgsqlConnection? _writer;
    private readonly ConcurrentQueue<(string AuthorityCode, long ThroughSequence)> _pendingTrims = new();
    private int _groupsBeforeNextCopyAttempt;

    public PostgresRecordLedger(PostgresLedgerOptions options, StoredVocabulary vocabulary, TimeProvider? clock = null)
    {
        _vocabulary = vocabulary;
        _clock = clock ?? TimeProvider.System;
        _attempts = Math.Max(1, options.CommitAttempts);
        // The tables come from PostgresSchema (applied by the host at start, or by `migrate`), not from here:
        // an operator may forbid DDL at run time.
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    public StoredVocabulary Vocabulary => _vocabulary;

    public string Fingerprint => _vocabulary.Fingerprint;

    /// <summary>Applies the batches in order inside one transaction and makes them durable.</summary>
    public CommitResult Commit(IReadOnlyList<IncomingBatch> batches)
    {
        var rows = new CommitRows(batches);
        lock (_writeLock)
        {
            var trims = new List<(string AuthorityCode, long ThroughSequence)>();
            while (_pendingTrims.TryDequeue(out var trim)) trims.Add(trim);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return CommitOnce(batches, rows, trims);
                }
                catch (PostgresException e) when (attempt < _attempts &&
                    e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
                {
                    // Rolled back whole: decide everything again against what the other writer committed.
                }
                catch
                {
                    // The session's state is unknown after a failure: the next commit starts a new one.
                    DropWriter();
                    // The trims were not done: keep them for the next commit.
                    foreach (var trim in trims) _pendingTrims.Enqueue(trim);
                    throw;
                }
            }
        }
    }

    /// <summary>One identity of a commit: its first row, how many rows name it, and its state as rows apply.</summary>
    private sealed class Identity(int firstRow)
    {
        public int FirstRow { get; } = firstRow;
        public int Rows { get; set; } = 1;
        public bool Inserted { get; set; }
        /// <summary>Its only row of the commit inserted it: the record's row holds that version (<see cref="RowVersion"/>).</summary>
        public bool KeptInRow => Inserted && Rows == 1;
        /// <summary>It was stored, and its row held this version (which moves to record_versions in this commit).</summary>
        public RecordVersion? HeldVersion { get; set; }
        public RecordEntry? Current { get; set; }
        /// <summary>The state to store when the commit changes the stored one (null: unchanged).</summary>
        public RecordEntry? Final { get; set; }
    }

    private CommitResult CommitOnce(IReadOnlyList<IncomingBatch> batches, CommitRows commitRows,
        List<(string AuthorityCode, long ThroughSequence)> trims)
    {
        var connection = Writer();
        using var tx = connection.BeginTransaction(IsolationLevel.ReadCommitted);
        ApplyTrims(connection, tx, trims);

        var rows = commitRows.Records;
        var feeds = new string[rows.Length];
        var identities = new Dictionary<(string Feed, string Id), Identity>(rows.Length);
        // Each row's identity, looked up once: later steps index by row rather than hash the key again.
        var identityOf = new Identity[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            feeds[i] = _vocabulary.FeedSlug(rows[i].Entry.Feed);
            if (identities.TryGetValue((feeds[i], rows[i].Id), out var known))
            {
                known.Rows++;
                identityOf[i] = known;
            }
            else
            {
                identities.Add((feeds[i], rows[i].Id), identityOf[i] = new Identity(i));
            }
        }
        // One key order for every writer: locality in the index, and no lock-order deadlocks between writers. Every
        // row in key order (arrival order within an identity) is the order the versions are written in; each
        // identity's first row, in that order, the order its record is inserted or locked in.
        var order = new int[rows.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            var byFeed = string.CompareOrdinal(feeds[a], feeds[b]);
            if (byFeed != 0) return byFeed;
            var byId = string.CompareOrdinal(rows[a].Id, rows[b].Id);
            return byId != 0 ? byId : a.CompareTo(b);
        });
        var firstRows = new List<int>(identities.Count);
        foreach (var i in order)
            if (identityOf[i].FirstRow == i) firstRows.Add(i);

        // Every identity is presumed new; the general path unmarks those it finds stored.
        foreach (var i in firstRows) identityOf[i].Inserted = true;
        var at = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var commit = new CommitNumber();
        if (!TryCopyAllAsNew(connection, tx, commitRows, feeds, firstRows, identityOf, at))
        {
            InsertNewIdentities(connection, tx, commitRows, feeds, firstRows, identityOf, at);
            ProbeByIndexOnly(connection, tx);
            LockExistingIdentities(connection, tx, rows, feeds, firstRows, identityOf);
        }
        AddRowVersionsByKey(connection, tx, commitRows, feeds, firstRows, identityOf, at);

        var deltas = new CellDeltas();
        var outcomes = new RecordOutcome[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var identity = identityOf[i];
            var arriving = rows[i].Entry;
            if (identity.Inserted && identity.FirstRow == i)
            {
                deltas.Add(arriving, +1);
                // Later rows of this identity see it as stored (through the vocabulary), as SQLite reads it back.
                if (identity.Rows > 1) identity.Current = AsStored(arriving);
                outcomes[i] = arriving.Status == RecordStatus.Cancelled ? RecordOutcome.Cancelled : RecordOutcome.Accepted;
                continue;
            }
            var current = identity.Current;
            outcomes[i] = LedgerRules.Decide(current, arriving, out var next);
            if (next is { } stored)
            {
                identity.Final = stored;
                identity.Current = AsStored(stored);
                // A duplicate that only raises the version adds and removes the same cells: they net to nothing.
                if (current is { } old) deltas.Add(old, -1);
                deltas.Add(stored, +1);
            }
        }

        ReplaceChangedIdentities(connection, tx, rows, feeds, firstRows, identityOf);
        // The versions the stored rows held go to record_versions with this commit's (AppendVersions); a replaced row is
        // cleared by its replace, any other here.
        ClearVersionsHeldInRows(connection, tx,
            firstRows.Where(i => identityOf[i] is { HeldVersion: not null, Final: null }).Select(i => (feeds[i], rows[i].Id)).ToList());
        AppendVersions(connection, tx, commit, commitRows, feeds, order, outcomes, identityOf, at);
        var changes = AppendChanges(connection, tx, deltas);
        tx.Commit();
        return CommitResult.From(batches, outcomes, changes);
    }

    /// <summary>
    /// Copies the first row of every identity of the group straight into records, when none exists yet; false
    /// (with nothing of it applied) when one does, or while the general path is preferred after a recent miss.
    /// </summary>
    private bool TryCopyAllAsNew(NpgsqlConnection connection, NpgsqlTransaction tx, CommitRows commitRows, string[] feeds,
        List<int> firstRows, Identity[] identityOf, long at)
    {
        var rows = commitRows.Records;
        if (firstRows.Count == 0) return false;
        if (_groupsBeforeNextCopyAttempt > 0)
        {
            _groupsBeforeNextCopyAttempt--;
            return false;
        }
        const string savepoint = "copy_all_new";
        tx.Save(savepoint);
        try
        {
            using var copy = connection.BeginBinaryImport(CopyRecords);
            foreach (var i in firstRows)
            {
                copy.StartRow();
                WriteRecordColumns(copy, feeds[i], rows[i]);
                WriteRowVersionColumns(copy, identityOf[i], at, commitRows.WriterOf(i));
            }
            copy.Complete();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            tx.Rollback(savepoint);
            _groupsBeforeNextCopyAttempt = GroupsBetweenCopyAttemptsAfterAMiss;
            return false;
        }
        tx.Release(savepoint);
        return true;
    }

    /// <summary>A record's columns in <see cref="RecordColumns"/> order (feed, id, then the content columns).</summary>
    private void WriteRecordColumns(NpgsqlBinaryImporter copy, string feed, in IncomingRecord row)
    {
        copy.Write(feed, NpgsqlDbType.Text);
        copy.Write(row.Id, NpgsqlDbType.Text);
        WriteContentColumns(copy, row.Entry);
    }

    /// <summary>
    /// A new record's <see cref="RowVersion.Columns"/>: when and by whom, if the row is to hold its version (the
    /// identity's only row in the commit); nulls otherwise.
    /// </summary>
    private static void WriteRowVersionColumns(NpgsqlBinaryImporter copy, Identity identity, long at, string? keyId)
    {
        // Decided before the insert: were the identity stored, its incoming row (and these columns) is not used.
        if (identity.Rows == 1)
        {
            copy.Write(at, NpgsqlDbType.Bigint);
            WriteTextOrNull(copy, keyId);
        }
        else
        {
            copy.WriteNull();
            copy.WriteNull();
        }
    }

    /// <summary>Stored content, column for column as it was read (<see cref="StoredColumns.ContentColumns"/>).</summary>
    private static void WriteStoredColumns(NpgsqlBinaryImporter copy, StoredRecord content)
    {
        copy.Write(content.Version, NpgsqlDbType.Bigint);
        copy.Write((short)content.Status, NpgsqlDbType.Smallint);
        copy.Write((short)content.Time.Precision, NpgsqlDbType.Smallint);
        copy.Write(content.Time.Value, NpgsqlDbType.Bigint);
        WriteTextOrNull(copy, content.Authority);
        WriteTextOrNull(copy, content.Category);
        WriteTextOrNull(copy, content.Flags);
        if (StoredColumns.WeightColumn(content.Weight) is { } weight) copy.Write(weight, NpgsqlDbType.Bigint);
        else copy.WriteNull();
    }

    /// <summary>A record's content columns, as records and record_versions both hold them (<see cref="StoredColumns.ContentColumns"/>).</summary>
    private void WriteContentColumns(NpgsqlBinaryImporter copy, in RecordEntry entry)
    {
        copy.Write(entry.Version, NpgsqlDbType.Bigint);
        copy.Write((short)entry.Status, NpgsqlDbType.Smallint);
        copy.Write((short)entry.Time.Precision, NpgsqlDbType.Smallint);
        copy.Write(entry.Time.Value, NpgsqlDbType.Bigint);
        WriteTextOrNull(copy, _vocabulary.AuthorityCode(entry.Authority));
        WriteTextOrNull(copy, _vocabulary.CategorySlug(entry.Feed, entry.Category));
        WriteTextOrNull(copy, _vocabulary.FlagsText(entry.Flags));
        if (StoredColumns.WeightColumn(entry.Weight) is { } weight) copy.Write(weight, NpgsqlDbType.Bigint);
        else copy.WriteNull();
    }

    /// <summary>
    /// Appends every row not kept in its record's row to the record's history, with its writer and outcome, by one
    /// binary COPY in key order, under the commit's number; a stored record's rows follow the version its row held,
    /// if any (read as stored when it was locked), listed ahead of them (<see cref="RowVersion.ListedOrd"/>).
    /// </summary>
    private void AppendVersions(NpgsqlConnection connection, NpgsqlTransaction tx, CommitNumber commit, CommitRows commitRows,
        string[] feeds, int[] order, RecordOutcome[] outcomes, Identity[] identityOf, long at)
    {
        if (order.All(i => identityOf[i].KeptInRow)) return;
        var seq = commit.Take(connection, tx);
        var rows = commitRows.Records;
        using var copy = connection.BeginBinaryImport(CopyVersions);
        foreach (var i in order)
        {
            if (identityOf[i].KeptInRow) continue;
            if (identityOf[i] is { HeldVersion: { } held } && identityOf[i].FirstRow == i)
            {
                copy.StartRow();
                copy.Write(feeds[i], NpgsqlDbType.Text);
                copy.Write(rows[i].Id, NpgsqlDbType.Text);
                copy.Write(seq, NpgsqlDbType.Bigint);
                copy.Write(RowVersion.ListedOrd, NpgsqlDbType.Integer);
                copy.Write(held.At.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint);
                WriteTextOrNull(copy, held.KeyId);
                WriteStoredColumns(copy, held.Content);
                copy.Write((short)held.Outcome, NpgsqlDbType.Smallint);
            }
            copy.StartRow();
            copy.Write(feeds[i], NpgsqlDbType.Text);
            copy.Write(rows[i].Id, NpgsqlDbType.Text);
            copy.Write(seq, NpgsqlDbType.Bigint);
            copy.Write(i, NpgsqlDbType.Integer);
            copy.Write(at, NpgsqlDbType.Bigint);
            WriteTextOrNull(copy, commitRows.WriterOf(i));
            WriteContentColumns(copy, rows[i].Entry);
            copy.Write((short)outcomes[i], NpgsqlDbType.Smallint);
        }
        copy.Complete();
    }

    /// <summary>Inserts the first row of every identity the ledger has not seen, in key order, and unmarks the others.</summary>
    private void InsertNewIdentities(NpgsqlConnection connection, NpgsqlTransaction tx, CommitRows commitRows, string[] feeds,
        List<int> firstRows, Identity[] identityOf, long at)
    {
        if (firstRows.Count == 0) return;
        var rows = commitRows.Records;
        using (var copy = connection.BeginBinaryImport(CopyIncoming))
        {
            for (var k = 0; k < firstRows.Count; k++)
            {
                var i = firstRows[k];
                copy.StartRow();
                WriteRecordColumns(copy, feeds[i], rows[i]);
                WriteRowVersionColumns(copy, identityOf[i], at, commitRows.WriterOf(i));
                copy.Write(k, NpgsqlDbType.Integer);
            }
            copy.Complete();
        }
        using var command = new NpgsqlCommand(InsertNew, connection, tx);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            identityOf[firstRows[reader.GetInt32(0)]].Inserted = false;
    }

    private static void WriteTextOrNull(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Text);
    }

    private NpgsqlConnection Writer()
    {
        if (_writer is { State: ConnectionState.Open }) return _writer;
        DropWriter();
        _writer = _dataSource.OpenConnection();
        using var create = new NpgsqlCommand(CreateIncoming, _writer);
        create.ExecuteNonQuery();
        return _writer;
    }

    private void DropWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    /// <summary>
    /// From here on the group's keys are looked up one index probe each: the ledger is far larger than a group,
    /// and a hash or merge join would read all of it (the planner picks those while the table is small, or when
    /// its statistics lag behind a bulk load). The anti-join of the insert above is left to the planner.
    /// </summary>
    private static void ProbeByIndexOnly(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        using var command = new NpgsqlCommand("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off", connection, tx);
        command.ExecuteNonQuery();
    }

    /// <summary>Reads and locks the stored state of every identity of the group that already existed.</summary>
    private void LockExistingIdentities(NpgsqlConnection connection, NpgsqlTransaction tx, IncomingRecord[] rows, string[] feeds,
        List<int> firstRows, Identity[] identityOf)
    {
        var existing = firstRows.Where(i => !identityOf[i].Inserted).ToArray();
        if (existing.Length == 0) return;
        using var command = new NpgsqlCommand(LockExisting, connection, tx);
        command.Parameters.Add(new NpgsqlParameter<string[]>("feed", existing.Select(i => feeds[i]).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("id", existing.Select(i => rows[i].Id).ToArray()));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var first = existing[(int)reader.GetInt64(0) - 1];
            var identity = identityOf[first];
            // A stored row that no longer maps onto the vocabulary counts nowhere: treat it as absent.
            identity.Current = ReadEntry(reader, rows[first].Entry.Feed);
            if (!reader.IsDBNull(9)) identity.HeldVersion = StoredColumns.RowVersion(reader, 9, StoredColumns.Content(reader, 1));
        }
    }

    /// <summary>Adds one row_versions_by_key row per writer key for the records whose rows now hold its version.</summary>
    private static void AddRowVersionsByKey(NpgsqlConnection connection, NpgsqlTransaction tx, CommitRows commitRows, string[] feeds,
        List<int> firstRows, Identity[] identityOf, long at)
    {
        var byKey = new Dictionary<string, List<(string Feed, string Id)>>(StringComparer.Ordinal);
        foreach (var i in firstRows)
        {
            if (!identityOf[i].KeptInRow || commitRows.WriterOf(i) is not { } key) continue;
            if (!byKey.TryGetValue(key, out var records)) byKey[key] = records = [];
            records.Add((feeds[i], commitRows.Records[i].Id));
        }
        if (byKey.Count == 0) return;
        using var command = new NpgsqlCommand(ListRowVersionsByKey, connection, tx);
        command.Parameters.Add(new NpgsqlParameter<long>("at", at));
        command.Parameters.Add(new NpgsqlParameter<string[]>("key", byKey.Keys.ToArray()));
        command.Parameters.Add(new NpgsqlParameter("records", NpgsqlDbType.Array | NpgsqlDbType.Bytea)
        {
            Value = byKey.Values.Select(RecordKeyList.Encode).ToArray(),
        });
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Copies the versions these locked records' rows hold into record_versions under the transaction's number, for a
    /// withdrawal; the caller clears them from the rows (<see cref="ClearVersionsHeldInRows"/>).
    /// </summary>
    private static void ListVersionsHeldInRows(NpgsqlConnection connection, NpgsqlTransaction tx, CommitNumber commit,
        List<(string Feed, string Id)> records)
    {
        if (records.Count == 0) return;
        var seq = commit.Take(connection, tx);
        using var command = new NpgsqlCommand(ListRowVersions, connection, tx);
        command.Parameters.Add(new NpgsqlParameter<long>("seq", seq));
        command.Parameters.Add(new NpgsqlParameter<string[]>("feed", records.Select(r => r.Feed).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("id", records.Select(r => r.Id).ToArray()));
        command.ExecuteNonQuery();
    }

    /// <summary>Clears the listed versions of these records' rows, where the rows are not replaced.</summary>
    private static void ClearVersionsHeldInRows(NpgsqlConnection connection, NpgsqlTransaction tx, List<(string Feed, string Id)> records)
    {
        if (records.Count == 0) return;
        using var command = new NpgsqlCommand(ClearRowVersions, connection, tx);
        command.Parameters.Add(new NpgsqlParameter<string[]>("feed", records.Select(r => r.Feed).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("id", records.Select(r => r.Id).ToArray()));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Reads a stored row whose columns 1–8 are version, status, precision, time, authority, category, flags, weight;
    /// null when it refers to a slug or code no longer known.
    /// </summary>
    private RecordEntry? ReadEntry(NpgsqlDataReader reader, int feed) =>
        _vocabulary.ToEntry(feed, reader.GetInt64(1), (RecordStatus)reader.GetInt16(2),
            RecordTime.FromStored((RecordPrecision)reader.GetInt16(3), reader.GetInt64(4)), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7), StoredColumns.Weight(reader, 8));

    /// <summary>Writes each changed identity's final state in one statement.</summary>
    private void ReplaceChangedIdentities(NpgsqlConnection connection, NpgsqlTransaction tx, IncomingRecord[] rows, string[] feeds,
        List<int> firstRows, Identity[] identityOf)
    {
        var changed = new List<(int Row, RecordEntry Entry)>();
        foreach (var first in firstRows)
        {
            // An identity inserted by this commit and never replaced already holds its final state.
            if (identityOf[first].Final is { } final) changed.Add((first, final));
        }
        if (changed.Count == 0) return;
        using var command = new NpgsqlCommand(ReplaceChanged, connection, tx);
        AddRowParameters(command, rows, feeds, changed);
        command.ExecuteNonQuery();
    }

    private void AddRowParameters(NpgsqlCommand command, IncomingRecord[] rows, string[] feeds,
        List<(int Row, RecordEntry Entry)> selected)
    {
        var n = selected.Count;
        var feed = new string[n];
        var id = new string[n];
        var version = new long[n];
        var status = new short[n];
        var precision = new short[n];
        var time = new long[n];
        var authority = new string?[n];
        var category = new string?[n];
        var flags = new string?[n];
        var weight = new long?[n];
        for (var k = 0; k < n; k++)
        {
            var (i, entry) = selected[k];
            feed[k] = feeds[i];
            id[k] = rows[i].Id;
            version[k] = entry.Version;
            status[k] = (short)entry.Status;
            precision[k] = (short)entry.Time.Precision;
            time[k] = entry.Time.Value;
            authority[k] = _vocabulary.AuthorityCode(entry.Authority);
            category[k] = _vocabulary.CategorySlug(entry.Feed, entry.Category);
            flags[k] = _vocabulary.FlagsText(entry.Flags);
            weight[k] = StoredColumns.WeightColumn(entry.Weight);
        }
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string[]>("feed", feed));
        p.Add(new NpgsqlParameter<string[]>("id", id));
        p.Add(new NpgsqlParameter<long[]>("version", version));
        p.Add(new NpgsqlParameter<short[]>("status", status));
        p.Add(new NpgsqlParameter<short[]>("precision", precision));
        p.Add(new NpgsqlParameter<long[]>("time", time));
        p.Add(new NpgsqlParameter<string?[]>("authority", authority));
        p.Add(new NpgsqlParameter<string?[]>("category", category));
        p.Add(new NpgsqlParameter<string?[]>("flags", flags));
        p.Add(new NpgsqlParameter<long?[]>("weight", weight));
    }

    /// <summary>The entry as a later row would read it back from the ledger (null when it maps onto nothing).</summary>
    private RecordEntry? AsStored(in RecordEntry entry) =>
        _vocabulary.ToEntry(entry.Feed, entry.Version, entry.Status, entry.Time,
            _vocabulary.AuthorityCode(entry.Authority), _vocabulary.CategorySlug(entry.Feed, entry.Category),
            _vocabulary.FlagsText(entry.Flags), entry.Weight);

    /// <summary>Numbers each authority's net change (gap-free, per authority) and appends it to the log.</summary>
    private List<AuthorityChanges> AppendChanges(NpgsqlConnection connection, NpgsqlTransaction tx,
        CellDeltas deltas)
    {
        // Encoded once: the bytes logged are the bytes delivered to the grain.
        var changes = deltas.NetChanges()
            .Select(c => (c.Authority, Code: _vocabulary.AuthorityCode(c.Authority)!, Cells: CellCodec.Encode(c.Net))).ToList();
        if (changes.Count == 0) return [];
        using var command = new NpgsqlCommand(AppendNumbered, connection, tx);
        command.Parameters.Add(new NpgsqlParameter<string[]>("authority", changes.Select(c => c.Code).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("cells", NpgsqlDbType.Array | NpgsqlDbType.Bytea)
        {
            Value = changes.Select(c => c.Cells).ToArray(),
        });
        var sequences = new Dictionary<string, long>(changes.Count);
        using (var reader = command.ExecuteReader())
            while (reader.Read()) sequences[reader.GetString(0)] = reader.GetInt64(1);
        return changes.Select(c =>
        {
            var seq = sequences[c.Code];
            return new AuthorityChanges(_vocabulary.Authority(c.Authority), seq, seq, c.Cells);
        }).ToList();
    }

    // The change-log reads use Npgsql's asynchronous I/O, and resume off the caller's context: a grain
    // awaiting them holds no thread while PostgreSQL answers, and the rows are read on the thread pool.

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string?>> StoredAuthoritiesAsync(string feed, IReadOnlyCollection<string> ids,
        CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT id, authority FROM records WHERE feed = @feed AND id = ANY(@ids)");
        command.Parameters.Add(new NpgsqlParameter<string>("feed", feed));
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var found = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            found[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        return found;
    }

    /// <inheritdoc />
    public async Task<long> CurrentSequenceAsync(Authority authority, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT seq FROM authority_cursor WHERE authority = @a");
        command.Parameters.Add(new NpgsqlParameter<string>("a", authority.Code));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long seq ? seq : 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(long Sequence, byte[] Cells)>> ReadChangesAsync(Authority authority, long afterSequence,
        CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT seq, cells FROM cell_changes WHERE authority = @a AND seq > @after ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter<string>("a", authority.Code));
        command.Parameters.Add(new NpgsqlParameter<long>("after", afterSequence));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<(long, byte[])>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            result.Add((reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        return result;
    }

    /// <summary>
    /// Drops logged changes an authority's checkpoint already holds. Queued, and done inside the next commit:
    /// a grain must never wait for the writer while a large commit is running.
    /// </summary>
    public ValueTask TrimAsync(Authority authority, long throughSequence, CancellationToken cancellationToken = default)
    {
        _pendingTrims.Enqueue((authority.Code, throughSequence));
        return ValueTask.CompletedTask;
    }

    private static void ApplyTrims(NpgsqlConnection connection, NpgsqlTransaction tx, List<(string AuthorityCode, long ThroughSequence)> trims)
    {
        if (trims.Count == 0) return;
        // One bound per authority (the highest asked), in authority order like every other lock a writer takes.
        var through = trims.GroupBy(t => t.AuthorityCode, StringComparer.Ordinal)
            .Select(g => (Authority: g.Key, Through: g.Max(t => t.ThroughSequence)))
            .OrderBy(t => t.Authority, StringComparer.Ordinal)
            .ToArray();
        using var command = new NpgsqlCommand(TrimChanges, connection, tx);
        command.Parameters.Add(new NpgsqlParameter<string[]>("authority", through.Select(t => t.Authority).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("through", through.Select(t => t.Through).ToArray()));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Recomputes an authority's cells from the records themselves, with the change number they reflect —
    /// read from one snapshot (REPEATABLE READ) so the two agree. Used when no usable checkpoint exists.
    /// </summary>
    public async Task<(long Sequence, CellTable Cells)> RebuildAsync(Authority authority, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        long sequence;
        await using (var cursor = new NpgsqlCommand("SELECT seq FROM authority_cursor WHERE authority = @a", connection, tx))
        {
            cursor.Parameters.Add(new NpgsqlParameter<string>("a", authority.Code));
            sequence = await cursor.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long s ? s : 0;
        }
        await using var select = new NpgsqlCommand(
            $"SELECT feed, {StoredColumns.ContentColumns} FROM records WHERE authority = @a AND status = 0",
            connection, tx);
        select.Parameters.Add(new NpgsqlParameter<string>("a", authority.Code));
        var table = new CellTable();
        // An array, not stackalloc: the buffer lives across awaits.
        var cells = new CellContribution[RecordEntry.MaxCells];
        var feeds = new Dictionary<string, int>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var feedSlug = reader.GetString(0);
                if (!feeds.TryGetValue(feedSlug, out var feed))
                    feeds[feedSlug] = feed = _vocabulary.FeedIndex(feedSlug);
                if (feed < 0) continue;
                if (ReadEntry(reader, feed) is not { } e) continue;
                var n = e.GetCells(cells);
                for (var i = 0; i < n; i++) table.Add(cells[i].Cell, cells[i].Amount);
            }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (sequence, table);
    }

    public void Dispose()
    {
        lock (_writeLock) DropWriter();
        _dataSource.Dispose();
    }
}
