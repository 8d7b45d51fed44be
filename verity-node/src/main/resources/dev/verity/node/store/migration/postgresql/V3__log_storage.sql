-- Issue 17: the node's own log in the agreement's schema, so that one database (and one backup)
-- holds everything and a standby process can take over the log (PostgresLogStorage).
-- A tile or entry bundle is named by its full tile's C2SP path and its width (256: full).
CREATE TABLE log_tiles (
  tile TEXT NOT NULL,
  width INTEGER NOT NULL CHECK (width BETWEEN 1 AND 256),
  body BYTEA NOT NULL,
  PRIMARY KEY (tile, width)
);

-- The signed checkpoint, in one row; generation counts its replacements, the compare-and-set
-- of every publication.
CREATE TABLE log_checkpoint (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation BIGINT NOT NULL,
  body BYTEA NOT NULL
);
