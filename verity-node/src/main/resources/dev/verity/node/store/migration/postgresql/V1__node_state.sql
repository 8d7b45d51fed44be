-- The node's state: the same tables, columns and keys as the SQLite store's V1, in PostgreSQL's
-- types. Instants are ISO-8601 text as in SQLite, so a row reads back exactly as written (a
-- timestamptz keeps microseconds, a Java Instant nanoseconds). rowid is the order of arrival,
-- the column SQLite has of itself, so both stores list the newest entries by one query.

CREATE TABLE messages (party TEXT NOT NULL, idx BIGINT NOT NULL, type TEXT NOT NULL,
  leaf_hash TEXT NOT NULL, entry BYTEA NOT NULL, stored_at TEXT NOT NULL, client_id TEXT,
  rowid BIGINT GENERATED ALWAYS AS IDENTITY, PRIMARY KEY (party, idx));
CREATE UNIQUE INDEX messages_client ON messages (party, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_type ON messages (type);
CREATE UNIQUE INDEX messages_arrival ON messages (rowid);

CREATE TABLE cosignatures (log_party TEXT NOT NULL, witness TEXT NOT NULL, size BIGINT NOT NULL,
  line TEXT NOT NULL, cosigned_at BIGINT NOT NULL, stored_at TEXT NOT NULL,
  PRIMARY KEY (log_party, witness, size));

CREATE TABLE peers (peer TEXT PRIMARY KEY, published BIGINT NOT NULL DEFAULT 0,
  cosigned BIGINT NOT NULL DEFAULT 0, mirrored BIGINT NOT NULL DEFAULT 0,
  mirrored_checkpoint TEXT, last_contact TEXT, mirror_pending TEXT, mirror_proof TEXT);

-- repeats of one kind from one peer on one channel are one alarm, counted; the key is unique
-- so that two writers raising a new alarm at once make one (SqlNodeStore.raiseAlarm)
CREATE TABLE alarms (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, peer TEXT NOT NULL,
  kind TEXT NOT NULL, detail TEXT NOT NULL, at TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT 'push', count BIGINT NOT NULL DEFAULT 1, last_seen TEXT);
CREATE UNIQUE INDEX alarms_key ON alarms (peer, kind, source);

CREATE TABLE witness_state (origin TEXT PRIMARY KEY, checkpoint TEXT NOT NULL);

CREATE TABLE tokens (hash TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
  created_at TEXT NOT NULL);

CREATE TABLE audit (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TEXT NOT NULL,
  actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL);

-- each peer's verified tree: C2SP tlog-tiles hash tiles, each at its widest width
CREATE TABLE mirror_tiles (peer TEXT NOT NULL, level INTEGER NOT NULL, idx BIGINT NOT NULL,
  data BYTEA NOT NULL, PRIMARY KEY (peer, level, idx));
