-- The node's state as the store kept it before versioned migrations (commit 87c9deb), so that a
-- node.db of that version, completed by Migrations.adoptLegacy, is exactly this schema.
-- Every statement may meet its object already there (an adopted node.db): IF NOT EXISTS.
-- Instants are ISO-8601 text; rowid (SQLite's own) is the order of arrival.

CREATE TABLE IF NOT EXISTS messages (party TEXT NOT NULL, idx INTEGER NOT NULL,
  type TEXT NOT NULL, leaf_hash TEXT NOT NULL, entry BLOB NOT NULL, stored_at TEXT NOT NULL,
  client_id TEXT, PRIMARY KEY (party, idx));
CREATE UNIQUE INDEX IF NOT EXISTS messages_client ON messages (party, client_id)
  WHERE client_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_type ON messages (type);

CREATE TABLE IF NOT EXISTS cosignatures (log_party TEXT NOT NULL, witness TEXT NOT NULL,
  size INTEGER NOT NULL, line TEXT NOT NULL, cosigned_at INTEGER NOT NULL,
  stored_at TEXT NOT NULL, PRIMARY KEY (log_party, witness, size));

CREATE TABLE IF NOT EXISTS peers (peer TEXT PRIMARY KEY, published INTEGER NOT NULL DEFAULT 0,
  cosigned INTEGER NOT NULL DEFAULT 0, mirrored INTEGER NOT NULL DEFAULT 0,
  mirrored_checkpoint TEXT, last_contact TEXT, mirror_pending TEXT, mirror_proof TEXT);

-- repeats of one kind from one peer on one channel are one alarm, counted; a node.db from
-- before that may hold several rows of one key, so the key is not unique here
CREATE TABLE IF NOT EXISTS alarms (id INTEGER PRIMARY KEY AUTOINCREMENT, peer TEXT NOT NULL,
  kind TEXT NOT NULL, detail TEXT NOT NULL, at TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT 'push', count INTEGER NOT NULL DEFAULT 1, last_seen TEXT);
CREATE INDEX IF NOT EXISTS alarms_key ON alarms (peer, kind, source);

CREATE TABLE IF NOT EXISTS witness_state (origin TEXT PRIMARY KEY, checkpoint TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, name TEXT NOT NULL,
  role TEXT NOT NULL, created_at TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
  actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL);

-- each peer's verified tree: C2SP tlog-tiles hash tiles, each at its widest width
CREATE TABLE IF NOT EXISTS mirror_tiles (peer TEXT NOT NULL, level INTEGER NOT NULL,
  idx INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (peer, level, idx));
