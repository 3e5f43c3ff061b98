namespace AnalysisHub.Storage;

/// <summary>The ledger's tables. Idempotent: applied at every start.</summary>
internal static class LedgerSchema
{
    /// <summary>
    /// Columns added after the first release, by table: added on open to a database that lacks them (SQLite has no
    /// ADD COLUMN IF NOT EXISTS), and so always last. <c>weight</c>: a survey response's weight in millionths
    /// (RecordWeight), null for records of unweighted feeds. <c>first_at</c>, <c>first_key</c>: the version the row
    /// holds itself (<see cref="RowVersion"/>), null in every row written before them.
    /// </summary>
    public static readonly (string Table, string Column, string Type)[] AddedColumns =
        [("records", "weight", "INTEGER NULL"), ("record_versions", "weight", "INTEGER NULL"),
         ("records", "first_at", "INTEGER NULL"), ("records", "first_key", "TEXT NULL")];

    public const string Sqlite = """
        PRAGMA journal_mode = WAL;
        -- One row per record identity: its current version and where it counts. Stable text (slugs and
        -- ONS codes), never list positions, so the ledger outlives changes to the vocabulary files.
        CREATE TABLE IF NOT EXISTS records (
            feed       TEXT    NOT NULL,
            id         TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            status     INTEGER NOT NULL,
            precision  INTEGER NOT NULL,
            time       INTEGER NOT NULL,
            authority  TEXT    NULL,
            category   TEXT    NULL,
            flags      TEXT    NULL,
            PRIMARY KEY (feed, id)
        ) WITHOUT ROWID;
        -- Each committed group's net cell changes per authority, numbered without gaps per authority.
        -- Trimmed once the authority's grain has checkpointed past them.
        CREATE TABLE IF NOT EXISTS cell_changes (
            authority TEXT    NOT NULL,
            seq       INTEGER NOT NULL,
            cells     BLOB    NOT NULL,
            PRIMARY KEY (authority, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS authority_cursor (
            authority TEXT    PRIMARY KEY,
            seq       INTEGER NOT NULL
        ) WITHOUT ROWID;
        -- Every row a commit applied, with the key that sent it: a record's history, from which withdrawing one
        -- key's writes replays the record without them. (seq, ord) is the arrival order: the commit's number and
        -- the row's place in it. Never deleted; a withdrawn version keeps its row, with outcome 5. A record written
        -- once keeps that version in its records row instead (RowVersion), until it gains a second.
        CREATE TABLE IF NOT EXISTS record_versions (
            feed       TEXT    NOT NULL,
            id         TEXT    NOT NULL,
            seq        INTEGER NOT NULL,
            ord        INTEGER NOT NULL,
            at         INTEGER NOT NULL, -- when committed, UTC Unix milliseconds
            key_id     TEXT    NULL,     -- the writer's key; null when none was known
            version    INTEGER NOT NULL,
            status     INTEGER NOT NULL,
            precision  INTEGER NOT NULL,
            time       INTEGER NOT NULL,
            authority  TEXT    NULL,
            category   TEXT    NULL,
            flags      TEXT    NULL,
            outcome    INTEGER NOT NULL, -- VersionOutcome
            PRIMARY KEY (feed, id, seq, ord)
        ) WITHOUT ROWID;
        -- A key's versions, in commit order: each commit appends at the end of its key's range, which keeps the
        -- index cheap to maintain on a bulk load.
        CREATE INDEX IF NOT EXISTS record_versions_by_key ON record_versions (key_id, seq) WHERE key_id IS NOT NULL;
        -- Which records each commit left holding a version by a key in their own row (RowVersion): one row per key and
        -- commit, the records' identities in one value (RecordKeyList), so a bulk load adds one row a commit where an
        -- index on the records' columns would add one entry a record (measured: a quarter of the ledger's CPU on a
        -- load). Withdrawing the key's writes reads it to find those records; an entry whose record has moved its
        -- version to record_versions since (or been removed) is found there instead, so none is ever deleted.
        CREATE TABLE IF NOT EXISTS row_versions_by_key (
            key_id   TEXT    NOT NULL,
            seq      INTEGER NOT NULL, -- the commit's number (ledger_commits)
            records  BLOB    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS row_versions_by_key_key ON row_versions_by_key (key_id, seq);
        -- The last commit number given to record_versions.seq.
        CREATE TABLE IF NOT EXISTS ledger_commits (
            id    INTEGER PRIMARY KEY CHECK (id = 1),
            seq   INTEGER NOT NULL
        );
        """;

    /// <summary>What needs the added columns: applied after they are added.</summary>
    public const string SqliteAfterAddedColumns = """
        -- A ledger written before versions were kept starts each record's history with its state then (a
        -- baseline, by no known key). One statement, so it is done whole or not at all; a no-op ever after (a
        -- ledger that kept versions holds some in record_versions or in its records rows).
        INSERT INTO record_versions (feed, id, seq, ord, at, key_id, version, status, precision, time, authority, category, flags, weight, outcome)
        SELECT feed, id, 0, 0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), NULL,
               version, status, precision, time, authority, category, flags, weight, 6
        FROM records
        WHERE NOT EXISTS (SELECT 1 FROM record_versions) AND NOT EXISTS (SELECT 1 FROM records WHERE first_at IS NOT NULL);
        """;
}
