-- Raised alerts (PostgresAlertStore). Idempotent. One row per alert: the key makes "raised once" hold however
-- many nodes evaluate the same week; the number orders them for nodes relaying new alerts to their subscribers.
CREATE TABLE IF NOT EXISTS alerts (
    number     bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    footprint  text   NOT NULL,
    feed       text   NOT NULL,
    category   text   NOT NULL,
    period     text   NOT NULL,
    method     text   NOT NULL,
    start_day  date   NOT NULL,
    end_day    date   NOT NULL,
    count      bigint NOT NULL,
    expected   double precision NOT NULL,
    threshold  double precision NOT NULL,
    raised_at  timestamptz NOT NULL,
    PRIMARY KEY (footprint, feed, category, period, method)
);
CREATE INDEX IF NOT EXISTS alerts_by_time ON alerts (raised_at);
