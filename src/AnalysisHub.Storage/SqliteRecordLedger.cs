using AnalysisHub.Domain.Cells;
using AnalysisHub.Domain.Changes;
using AnalysisHub.Domain.Geography;
using AnalysisHub.Domain.Records;
using Microsoft.Data.Sqlite;

namespace AnalysisHub.Storage;

/// <summary>
/// The record ledger on SQLite: identity → current state, plus the per-authority change log. A commit
/// decides every row (accepted, duplicate, stale, updated, cancelled), updates the records, and appends each
/// touched authority's net cell changes — all in one transaction, so acknowledged means durable.
/// </summary>
// Implementation note: the database is the ledger (not grain state) because the ledger grows with
// history — ten years of England and Wales is hundreds of millions of identities — while the grains hold
// only aggregates. One set of statements per row inside one transaction per group keeps the cost at one
// fsync per group however many batches it carries.
public sealed partial class SqliteRecordLedger : IRecordLedger, IDisposable
{
    private readonly StoredVocabulary _vocabulary;
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly TimeProvider _clock;
    private readonly Lock _writeLock = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string AuthorityCode, long ThroughSequence)> _pendingTrims = new();

    public SqliteRecordLedger(LedgerOptions options, StoredVocabulary vocabulary, TimeProvider? clock = null)
    {
        _vocabulary = vocabulary;
        _clock = clock ?? TimeProvider.System;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _writer = Open();
        // Takes effect only when the file is created (before WAL is switched on). Larger pages measured
        // faster for random-key inserts into a large ledger: fewer, fuller pages rewritten per commit.
        Execute(_writer, $"PRAGMA page_size = {options.PageSize};");
        // Identities arrive in random key order: the B-tree pages they land on must stay cached across a
        // commit, or every insert re-reads a page (SQLite's default cache is 2 MB).
        Execute(_writer, $"PRAGMA cache_size = -{options.WriterCacheMegabytes * 1024};");
        Execute(_writer, LedgerSchema.Sqlite);
        AddMissingColumns(_writer);
        Execute(_writer, LedgerSchema.SqliteAfterAddedColumns);
    }

    private static void AddMissingColumns(SqliteConnection connection)
    {
        foreach (var (table, column, type) in LedgerSchema.AddedColumns)
        {
            using var present = connection.CreateCommand();
            present.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
            if ((long)present.ExecuteScalar()! == 0) Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
        }
    }

    public string Fingerprint => _vocabulary.Fingerprint;

    /// <summary>Applies the batches in order inside one transaction and makes them durable.</summary>
    public CommitResult Commit(IReadOnlyList<IncomingBatch> batches)
    {
        lock (_writeLock)
        {
            using var tx = _writer.BeginTransaction();
            ApplyPendingTrims(tx);
            using var statements = new RowStatements(_writer, tx);
            var deltas = new CellDeltas();
            var rows = new CommitRows(batches);
            var order = KeyOrder(rows.Records);
            var outcomes = new RecordOutcome[rows.Count];
            var commit = rows.Count == 0 ? 0 : NextCommitNumber(tx);
            var at = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            var (inserted, keptInRow) = InsertNewIdentities(rows, order, statements, at);
            ListRowVersionsByKey(rows, order, keptInRow, commit, tx);
            for (var i = 0; i < rows.Count; i++)
                outcomes[i] = Apply(rows.Records[i], inserted[i], statements, deltas, commit);
            AppendVersions(rows, order, outcomes, keptInRow, commit, at);
            var changes = AppendChanges(deltas, tx);
            tx.Commit();
            return CommitResult.From(batches, outcomes, changes);
        }
    }

    /// <summary>
    /// Every row's position, in key order (feed, id) and, within an identity, in arrival order: the order in which
    /// the commit writes the records and their versions.
    /// </summary>
    // Implementation note: key order matters for speed, not correctness. Identities arrive in random key
    // order, and a commit rewrites every B-tree page it touched into the write-ahead log; inserting a
    // group's keys in order touches each page once, not once per row (measured here: 2.8× the rows/s).
    // Grouping by feed index rather than slug keeps each feed's keys together, which is all locality needs.
    private static int[] KeyOrder(IncomingRecord[] rows)
    {
        var order = new int[rows.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            var byFeed = rows[a].Entry.Feed.CompareTo(rows[b].Entry.Feed);
            if (byFeed != 0) return byFeed;
            var byId = string.CompareOrdinal(rows[a].Id, rows[b].Id);
            return byId != 0 ? byId : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>
    /// Inserts the first row of every identity the ledger has not seen, in key order, and marks those rows.
    /// Every other row (re-sends, corrections, cancellations, and later rows of an id inserted here) is then
    /// decided in row order against the stored state — exactly as if all rows had been applied one by one.
    /// A row that is its new identity's only row in the commit is kept as the record's version in its row
    /// (<see cref="RowVersion"/>), marked in the second array: it takes no row in record_versions.
    /// </summary>
    private (bool[] Inserted, bool[] KeptInRow) InsertNewIdentities(CommitRows commitRows, int[] order, RowStatements statements, long at)
    {
        var rows = commitRows.Records;
        var inserted = new bool[rows.Length];
        var keptInRow = new bool[rows.Length];
        for (var k = 0; k < order.Length; k++)
        {
            var i = order[k];
            // The first of each run of one identity in key order is its first row.
            if (k > 0 && SameIdentity(rows[order[k - 1]], rows[i])) continue;
            var alone = k + 1 == order.Length || !SameIdentity(rows[order[k + 1]], rows[i]);
            inserted[i] = statements.InsertIfNew(_vocabulary.FeedSlug(rows[i].Entry.Feed), rows[i].Id, rows[i].Entry, _vocabulary,
                alone ? at : null, commitRows.WriterOf(i));
            keptInRow[i] = inserted[i] && alone;
        }
        return (inserted, keptInRow);
    }

    private static bool SameIdentity(in IncomingRecord a, in IncomingRecord b) =>
        a.Entry.Feed == b.Entry.Feed && string.Equals(a.Id, b.Id, StringComparison.Ordinal);

    /// <summary>
    /// Appends every row not kept in its record's row to the record's history, with its writer and outcome, under
    /// the commit's number: in key order (so each history page is touched once) with the row's place in the commit
    /// as its order.
    /// </summary>
    private void AppendVersions(CommitRows rows, int[] order, RecordOutcome[] outcomes, bool[] keptInRow, long commit, long at)
    {
        if (rows.Count == 0) return;
        using var append = new RawVersionStatement(_writer);
        foreach (var i in order)
        {
            if (keptInRow[i]) continue;
            var row = rows.Records[i];
            append.Append(_vocabulary.FeedSlug(row.Entry.Feed), row.Id, commit, i, at, rows.WriterOf(i), row.Entry, outcomes[i], _vocabulary);
        }
    }

    /// <summary>Adds one row_versions_by_key row per writer key for the records whose rows now hold its version.</summary>
    private void ListRowVersionsByKey(CommitRows rows, int[] order, bool[] keptInRow, long commit, SqliteTransaction tx)
    {
        var byKey = new Dictionary<string, List<(string Feed, string Id)>>(StringComparer.Ordinal);
        foreach (var i in order)
        {
            if (!keptInRow[i] || rows.WriterOf(i) is not { } key) continue;
            if (!byKey.TryGetValue(key, out var records)) byKey[key] = records = [];
            records.Add((_vocabulary.FeedSlug(rows.Records[i].Entry.Feed), rows.Records[i].Id));
        }
        if (byKey.Count == 0) return;
        using var insert = Command(_writer, tx, "INSERT INTO row_versions_by_key (key_id, seq, records) VALUES ($key, $seq, $records)",
            "$key", "$seq", "$records");
        foreach (var (key, records) in byKey)
        {
            insert.Parameters[0].Value = key;
            insert.Parameters[1].Value = commit;
            insert.Parameters[2].Value = RecordKeyList.Encode(records);
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>The next number for record_versions.seq (ledger_commits).</summary>
    private long NextCommitNumber(SqliteTransaction tx)
    {
        using var number = Command(_writer, tx,
            "INSERT INTO ledger_commits (id, seq) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET seq = seq + 1 RETURNING seq");
        return (long)number.ExecuteScalar()!;
    }

    private RecordOutcome Apply(in IncomingRecord record, bool inserted, RowStatements statements,
        CellDeltas deltas, long commit)
    {
        var arriving = record.Entry;
        if (inserted)
        {
            deltas.Add(arriving, +1);
            return arriving.Status == RecordStatus.Cancelled ? RecordOutcome.Cancelled : RecordOutcome.Accepted;
        }
        var feed = _vocabulary.FeedSlug(arriving.Feed);
        // A stored row that no longer maps onto the vocabulary counts nowhere: treat it as absent.
        var current = statements.Find(feed, record.Id, arriving.Feed, _vocabulary, out var rowVersion);
        // The record gains a second version: the one its row held moves to record_versions first, before the row
        // changes; replacing the row clears it there, else it is cleared alone.
        if (rowVersion is not null) statements.ListRowVersion(feed, record.Id, commit, rowVersion);
        var outcome = LedgerRules.Decide(current, arriving, out var next);
        if (next is null && rowVersion is not null) statements.ClearRowVersion(feed, record.Id);
        if (next is { } stored)
        {
            statements.Replace(feed, record.Id, stored, _vocabulary);
            // A duplicate that only raises the version adds and removes the same cells: they net to nothing.
            if (current is { } old) deltas.Add(old, -1);
            deltas.Add(stored, +1);
        }
        return outcome;
    }

    private List<AuthorityChanges> AppendChanges(CellDeltas deltas, SqliteTransaction tx)
    {
        var changes = new List<AuthorityChanges>();
        using var next = Command(_writer, tx, """
            INSERT INTO authority_cursor (authority, seq) VALUES ($authority, 1)
            ON CONFLICT (authority) DO UPDATE SET seq = seq + 1
            RETURNING seq
            """, "$authority");
        using var append = Command(_writer, tx,
            "INSERT INTO cell_changes (authority, seq, cells) VALUES ($authority, $seq, $cells)",
            "$authority", "$seq", "$cells");
        foreach (var (authority, net) in deltas.NetChanges())
        {
            var code = _vocabulary.AuthorityCode(authority)!;
            next.Parameters[0].Value = code;
            var seq = (long)next.ExecuteScalar()!;
            // Encoded once: the bytes logged are the bytes delivered to the grain.
            var cells = CellCodec.Encode(net);
            append.Parameters[0].Value = code;
            append.Parameters[1].Value = seq;
            append.Parameters[2].Value = cells;
            append.ExecuteNonQuery();
            changes.Add(new AuthorityChanges(_vocabulary.Authority(authority), seq, seq, cells));
        }
        return changes;
    }

    // Microsoft.Data.Sqlite has no truly asynchronous I/O (its async methods complete synchronously), so the
    // change-log reads run on the thread pool: a grain awaiting them never blocks its scheduler's thread.

    /// <inheritdoc />
    public Task<long> CurrentSequenceAsync(Authority authority, CancellationToken cancellationToken = default) =>
        Task.Run(() => CurrentSequence(authority.Code), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<(long Sequence, byte[] Cells)>> ReadChangesAsync(Authority authority, long afterSequence,
        CancellationToken cancellationToken = default) =>
        Task.Run(() => ReadChanges(authority.Code, afterSequence), cancellationToken);

    /// <inheritdoc />
    public Task<(long Sequence, CellTable Cells)> RebuildAsync(Authority authority, CancellationToken cancellationToken = default) =>
        Task.Run(() => Rebuild(authority.Code), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string?>> StoredAuthoritiesAsync(string feed, IReadOnlyCollection<string> ids,
        CancellationToken cancellationToken = default) =>
        Task.Run(() => StoredAuthorities(feed, ids), cancellationToken);

    private IReadOnlyDictionary<string, string?> StoredAuthorities(string feed, IReadOnlyCollection<string> ids)
    {
        var found = new Dictionary<string, string?>(StringComparer.Ordinal);
        using var connection = Open();
        using var command = Command(connection, null, "SELECT authority FROM records WHERE feed = $feed AND id = $id", "$feed", "$id");
        command.Parameters[0].Value = feed;
        command.Prepare();
        foreach (var id in ids)
        {
            command.Parameters[1].Value = id;
            using var reader = command.ExecuteReader();
            if (reader.Read()) found[id] = reader.IsDBNull(0) ? null : reader.GetString(0);
        }
        return found;
    }

    private long CurrentSequence(string authorityCode)
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT seq FROM authority_cursor WHERE authority = $a", "$a");
        command.Parameters[0].Value = authorityCode;
        return command.ExecuteScalar() is long seq ? seq : 0;
    }

    private IReadOnlyList<(long Sequence, byte[] Cells)> ReadChanges(string authorityCode, long afterSequence)
    {
        using var connection = Open();
        using var command = Command(connection, null,
            "SELECT seq, cells FROM cell_changes WHERE authority = $a AND seq > $after ORDER BY seq", "$a", "$after");
        command.Parameters[0].Value = authorityCode;
        command.Parameters[1].Value = afterSequence;
        using var reader = command.ExecuteReader();
        var result = new List<(long, byte[])>();
        while (reader.Read()) result.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
        return result;
    }

    /// <summary>
    /// Drops logged changes an authority's checkpoint already holds. Queued, and done inside the next commit:
    /// a grain must never wait for the writer's lock while a large commit is running.
    /// </summary>
    public ValueTask TrimAsync(Authority authority, long throughSequence, CancellationToken cancellationToken = default)
    {
        _pendingTrims.Enqueue((authority.Code, throughSequence));
        return ValueTask.CompletedTask;
    }

    private void ApplyPendingTrims(SqliteTransaction tx)
    {
        if (_pendingTrims.IsEmpty) return;
        using var command = Command(_writer, tx, "DELETE FROM cell_changes WHERE authority = $a AND seq <= $through", "$a", "$through");
        while (_pendingTrims.TryDequeue(out var trim))
        {
            command.Parameters[0].Value = trim.AuthorityCode;
            command.Parameters[1].Value = trim.ThroughSequence;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Recomputes an authority's cells from the records themselves, with the change number they reflect —
    /// read in one transaction so the two agree. Used when no usable checkpoint exists.
    /// </summary>
    private (long Sequence, CellTable Cells) Rebuild(string authorityCode)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction(deferred: true);
        using var cursor = Command(connection, tx, "SELECT seq FROM authority_cursor WHERE authority = $a", "$a");
        cursor.Parameters[0].Value = authorityCode;
        var sequence = cursor.ExecuteScalar() is long s ? s : 0;
        using var select = Command(connection, tx,
            $"SELECT {RowStatements.EntryColumns} FROM records WHERE authority = $a AND status = 0", "$a");
        select.Parameters[0].Value = authorityCode;
        var table = new CellTable();
        Span<CellContribution> cells = stackalloc CellContribution[RecordEntry.MaxCells];
        using var reader = select.ExecuteReader();
        var feeds = new Dictionary<string, int>();
        while (reader.Read())
        {
            var feedSlug = reader.GetString(0);
            if (!feeds.TryGetValue(feedSlug, out var feed))
                feeds[feedSlug] = feed = _vocabulary.FeedIndex(feedSlug);
            if (feed < 0) continue;
            var entry = RowStatements.ReadEntry(reader, feed, _vocabulary);
            if (entry is not { } e) continue;
            var n = e.GetCells(cells);
            for (var i = 0; i < n; i++) table.Add(cells[i].Cell, cells[i].Amount);
        }
        return (sequence, table);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // FULL: a commit is on disk before it returns, so an acknowledged batch survives kill -9 and power loss.
        Execute(connection, "PRAGMA synchronous = FULL;");
        return connection;
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var p in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = p });
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _writer.Dispose();
}
