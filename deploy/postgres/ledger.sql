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

-- Every row a commit applied, with the key that sent it: a record's history, from which withdrawing one key's
-- writes replays the record without them. (seq, ord) is the arrival order: the commit's number (taken from
-- record_version_commits once the commit holds its record locks, so a later writer of the same record always
-- gets a higher one) and the row's place in it. Never deleted; a withdrawn version keeps its row, with outcome 5.
-- A record written once keeps that version in its records row instead (first_at, first_key below), until it
-- gains a second.
CREATE TABLE IF NOT EXISTS record_versions (
    feed       text     NOT NULL,
    id         text     NOT NULL,
    seq        bigint   NOT NULL,
    ord        integer  NOT NULL,
    at         bigint   NOT NULL, -- when committed, UTC Unix milliseconds
    key_id     text     NULL,     -- the writer's key; null when none was known
    version    bigint   NOT NULL,
    status     smallint NOT NULL,
    precision  smallint NOT NULL,
    time       bigint   NOT NULL,
    authority  text     NULL,
    category   text     NULL,
    flags      text     NULL,
    outcome    smallint NOT NULL, -- VersionOutcome
    PRIMARY KEY (feed, id, seq, ord)
);

-- A key's versions, in commit order: each commit appends at the end of its key's range.
CREATE INDEX IF NOT EXISTS record_versions_by_key ON record_versions (key_id, seq) WHERE key_id IS NOT NULL;

-- Commit numbers for record_versions.seq. No cache: each session's numbers must follow the order commits take locks.
CREATE SEQUENCE IF NOT EXISTS record_version_commits CACHE 1;

-- A survey response's weight in millionths (RecordWeight); null for records of unweighted feeds. Added after the
-- first release, so added here for every database, old or new, and always last.
ALTER TABLE records ADD COLUMN IF NOT EXISTS weight bigint NULL;
ALTER TABLE record_versions ADD COLUMN IF NOT EXISTS weight bigint NULL;

-- The version a record's row holds itself while it is the record's only version since the record was last absent
-- (RowVersion in src/AnalysisHub.Storage): when it was committed (UTC Unix milliseconds; null when the row holds
-- none) and by which key. Its content is the row's and its outcome follows from the status, so a bulk load of new
-- records writes no record_versions row; the version moves there when the record gains a second one or its key's
-- writes are withdrawn. Null in every row written before these columns: their history is in record_versions.
ALTER TABLE records ADD COLUMN IF NOT EXISTS first_at bigint NULL;
ALTER TABLE records ADD COLUMN IF NOT EXISTS first_key text NULL;

-- Which records each commit left holding a version by a key in their own row: one row per key and commit, the
-- records' identities in one value (RecordKeyList in src/AnalysisHub.Storage), so a bulk load adds one row a commit
-- where an index on the records' columns would add one entry a record. Withdrawing the key's writes reads it to find
-- those records; an entry whose record has moved its version to record_versions since (or been removed) is found
-- there instead, so none is ever deleted.
CREATE TABLE IF NOT EXISTS row_versions_by_key (
    key_id   text   NOT NULL,
    at       bigint NOT NULL, -- when committed, UTC Unix milliseconds
    records  bytea  NOT NULL
);
CREATE INDEX IF NOT EXISTS row_versions_by_key_key ON row_versions_by_key (key_id);

-- A ledger written before versions were kept starts each record's history with its state then (a baseline, by
-- no known key). A no-op ever after (a ledger that kept versions holds some in record_versions or in its records rows).
INSERT INTO record_versions (feed, id, seq, ord, at, key_id, version, status, precision, time, authority, category, flags, weight, outcome)
SELECT feed, id, 0, 0, (extract(epoch FROM now()) * 1000)::bigint, NULL, version, status, precision, time, authority, category, flags, weight, 6
FROM records
WHERE NOT EXISTS (SELECT 1 FROM record_versions) AND NOT EXISTS (SELECT 1 FROM records WHERE first_at IS NOT NULL);
