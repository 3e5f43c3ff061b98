-- Access control (PostgresAccessKeyStore, PostgresAuditLog). Idempotent.
-- API keys: never the secret, only its SHA-256. Every change (added, replaced, revoked) takes the next value of
-- key_changes, so each node sees another node's change by polling max(change_number).
CREATE SEQUENCE IF NOT EXISTS key_changes AS bigint;
CREATE TABLE IF NOT EXISTS api_keys (
    id            text        PRIMARY KEY,
    secret_sha256 text        NOT NULL UNIQUE,
    owner         text        NOT NULL,
    scopes        text        NOT NULL,
    footprints    text        NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NULL,
    revoked_at    timestamptz NULL,
    change_number bigint      NOT NULL DEFAULT nextval('key_changes')
);

-- The audit trail: every ingest (refused ones too), partner read and administrative act, newest by number.
CREATE TABLE IF NOT EXISTS audit (
    number      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL,
    key_id      text        NULL,
    owner       text        NULL,
    action      text        NOT NULL,
    method      text        NOT NULL,
    path        text        NOT NULL,
    status      integer     NOT NULL,
    feed        text        NULL,
    rows        integer     NULL,
    counts      text        NULL,
    body_sha256 text        NULL
);
CREATE INDEX IF NOT EXISTS audit_by_key ON audit (key_id, number);
