-- Indicator targets and published figures (PostgresIndicatorStore). Idempotent. A target is one row, its
-- milestones a JSON array in it, so a re-put replaces the whole target in one statement; a published figure's
-- identity is (indicator, footprint, from, to, source), so a source's corrected figure replaces its earlier one.
CREATE TABLE IF NOT EXISTS indicator_targets (
    indicator        text  NOT NULL,
    footprint        text  NOT NULL,
    baseline_from    date  NOT NULL,
    baseline_to      date  NOT NULL,
    baseline_percent double precision NOT NULL,
    milestones       jsonb NOT NULL,
    PRIMARY KEY (indicator, footprint)
);

CREATE TABLE IF NOT EXISTS published_figures (
    indicator       text   NOT NULL,
    footprint       text   NOT NULL,
    from_day        date   NOT NULL,
    to_day          date   NOT NULL,
    source          text   NOT NULL,
    percent         double precision NOT NULL,
    unweighted_base bigint NOT NULL,
    note            text,
    PRIMARY KEY (indicator, footprint, from_day, to_day, source)
);
