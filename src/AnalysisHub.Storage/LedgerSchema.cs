namespace AnalysisHub.Storage;

/// <summary>The ledger's tables. Idempotent: applied at every start.</summary>
internal static class LedgerSchema
{
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
        """;
}
