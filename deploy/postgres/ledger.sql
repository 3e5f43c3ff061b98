-- The record ledger on PostgreSQL (PostgresRecordLedger). Idempotent: applied by PostgresSchema at start or by
-- `migrate`, under an advisory lock so several processes starting together do not race on CREATE TABLE.
-- Same tables and meaning as the SQLite ledger (src/AnalysisHub.Storage/LedgerSchema.cs).

-- One row per record identity: its current version and where it counts. Stable text (slugs and ONS codes),
-- never list positions, so the ledger outlives changes to the vocabulary files.
CREATE TABLE IF NOT EXISTS records (
    feed       text     NOT NULL,
    id         text     NOT NULL,
    version    bigint   NOT NULL,
    status     smallint NOT NULL,
    precision  smallint NOT NULL,
    time       bigint   NOT NULL,
    authority  text     NULL,
    category   text     NULL,
    flags      text     NULL,
    PRIMARY KEY (feed, id)
);

-- Each committed group's net cell changes per authority, numbered without gaps per authority.
-- Trimmed once the authority's grain has checkpointed past them.
CREATE TABLE IF NOT EXISTS cell_changes (
    authority  text   NOT NULL,
    seq        bigint NOT NULL,
    cells      bytea  NOT NULL,
    PRIMARY KEY (authority, seq)
);

-- The last change number given to each authority; its row lock serialises numbering across writers.
CREATE TABLE IF NOT EXISTS authority_cursor (
    authority  text   PRIMARY KEY,
    seq        bigint NOT NULL
);
