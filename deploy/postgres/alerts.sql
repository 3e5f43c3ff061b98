-- Raised alerts (PostgresAlertStore). Idempotent, also on a database of an earlier release. One row per alert:
-- the key makes "raised once" hold however many nodes evaluate the same week.
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

-- Withdrawal (an alert whose week no longer alarms after corrections is kept, with when and why) and change
-- numbers: every change — raised, withdrawn, raised again — takes the next value of alert_changes, so each
-- node relays to its subscribers every change made by any node, in the order made. Added to a database created
-- before them without touching what it holds: alerts stored earlier take their number as their change number,
-- and the sequence continues above the highest change number present.
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS withdrawn_at  timestamptz;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS reason        text;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS change_number bigint;
CREATE SEQUENCE IF NOT EXISTS alert_changes AS bigint;
UPDATE alerts SET change_number = number WHERE change_number IS NULL;
-- Only ever moves the sequence forward (once, on the first upgrade): running nodes may be drawing from it.
SELECT setval('alert_changes', highest) FROM (SELECT max(change_number) AS highest FROM alerts) AS present
WHERE highest > (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM alert_changes);
ALTER TABLE alerts ALTER COLUMN change_number SET DEFAULT nextval('alert_changes');
ALTER TABLE alerts ALTER COLUMN change_number SET NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS alerts_by_change ON alerts (change_number);
CREATE INDEX IF NOT EXISTS alerts_standing_by_period ON alerts (period) WHERE withdrawn_at IS NULL;
