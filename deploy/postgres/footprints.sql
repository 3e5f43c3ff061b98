-- Footprints defined at run time (PostgresFootprintDefinitionStore). Idempotent. Every node reads the table on a
-- short timer, so a footprint defined on one node is answered for by all; seq keeps the order they were defined in.
CREATE TABLE IF NOT EXISTS defined_footprints (
    id          text        NOT NULL PRIMARY KEY,
    seq         bigserial   NOT NULL,
    name        text        NOT NULL,
    name_cy     text,
    members     text        NOT NULL,
    description text,
    defined_at  timestamptz NOT NULL,
    defined_by  text
);
