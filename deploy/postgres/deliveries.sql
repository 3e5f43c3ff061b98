-- Suppliers' declarations of their months (PostgresDeliveryStore). Idempotent. One row per feed, authority (ONS code)
-- and month (YYYY-MM): a later declaration replaces the earlier one.
CREATE TABLE IF NOT EXISTS delivery_declarations (
    feed        text        NOT NULL,
    authority   text        NOT NULL,
    month       text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('complete', 'withdrawn')),
    declared_at timestamptz NOT NULL,
    key_id      text,
    PRIMARY KEY (feed, month, authority)
);
