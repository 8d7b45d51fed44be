package dev.verity.node.store;

import dev.verity.node.store.Records.Alarm;
import dev.verity.node.store.Records.AuditRecord;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.Records.PeerPosition;
import dev.verity.node.store.Records.Cosignature;
import dev.verity.node.store.Records.TokenRow;
import dev.verity.node.store.Records.MirrorPending;
import dev.verity.node.store.Records.MirrorStep;
import dev.verity.tlog.tiles.TileId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * {@link NodeStore} in one SQLite file, WAL mode with {@code synchronous=FULL} so a committed
 * transaction survives power loss (sqlite.org/wal.html: NORMAL may lose the last commits). One
 * connection, serialized by this object's lock: SQLite allows one writer anyway.
 */
public final class SqliteNodeStore implements NodeStore {
  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS messages (party TEXT NOT NULL, idx INTEGER NOT NULL, type TEXT NOT NULL,"
        + " leaf_hash TEXT NOT NULL, entry BLOB NOT NULL, stored_at TEXT NOT NULL, client_id TEXT,"
        + " PRIMARY KEY (party, idx))",
    "CREATE UNIQUE INDEX IF NOT EXISTS messages_client ON messages (party, client_id) WHERE client_id IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS messages_type ON messages (type)",
    "CREATE TABLE IF NOT EXISTS cosignatures (log_party TEXT NOT NULL, witness TEXT NOT NULL, size INTEGER NOT NULL,"
        + " line TEXT NOT NULL, cosigned_at INTEGER NOT NULL, stored_at TEXT NOT NULL, PRIMARY KEY (log_party, witness, size))",
    "CREATE TABLE IF NOT EXISTS peers (peer TEXT PRIMARY KEY, published INTEGER NOT NULL DEFAULT 0,"
        + " cosigned INTEGER NOT NULL DEFAULT 0, mirrored INTEGER NOT NULL DEFAULT 0, mirrored_checkpoint TEXT,"
        + " last_contact TEXT)",
    "CREATE TABLE IF NOT EXISTS alarms (id INTEGER PRIMARY KEY AUTOINCREMENT, peer TEXT NOT NULL, kind TEXT NOT NULL,"
        + " detail TEXT NOT NULL, at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS witness_state (origin TEXT PRIMARY KEY, checkpoint TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,"
        + " action TEXT NOT NULL, detail TEXT NOT NULL)",
    // each peer's verified tree: C2SP tlog-tiles hash tiles, each at its widest width (D??)
    "CREATE TABLE IF NOT EXISTS mirror_tiles (peer TEXT NOT NULL, level INTEGER NOT NULL,"
        + " idx INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (peer, level, idx))",
  };

  /** Columns added since the first schema: table, column, definition. */
  private static final String[][] ADDED = {
    {"peers", "mirror_pending", "TEXT"},
    {"peers", "mirror_proof", "TEXT"},
    {"alarms", "source", "TEXT NOT NULL DEFAULT 'push'"},
    {"alarms", "count", "INTEGER NOT NULL DEFAULT 1"},
    {"alarms", "last_seen", "TEXT"},
    {"messages", "request_digest", "TEXT"}, // issue 10: a client id names one message
  };

  /** Owner-only: the store holds the node's tokens' hashes, its receipts and every entry. */
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Connection db;
  /**
   * Reads go through a second connection: in WAL mode they see the last commit without waiting
   * for a write (and its fsync) to finish, so a submit's client-id lookup or a dashboard query
   * never queues behind a receipt being stored.
   */
  private final Connection reader;

  private SqliteNodeStore(Connection db, Connection reader) {
    this.db = db;
    this.reader = reader;
  }

  /** Opens (creating if needed) the store in {@code file}. */
  public static SqliteNodeStore open(Path file) throws StoreException {
    try {
      ownerOnly(file);
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        for (String ddl : SCHEMA) {
          s.execute(ddl);
        }
        migrate(s);
        s.execute("CREATE INDEX IF NOT EXISTS alarms_key ON alarms (peer, kind, source)");
      }
      for (String suffix : new String[] {"-wal", "-shm"}) {
        ownerOnlyIfPresent(file.resolveSibling(file.getFileName() + suffix));
      }
      c.setAutoCommit(false);
      c.commit();
      Connection r = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = r.createStatement()) {
        s.execute("PRAGMA busy_timeout=5000");
        s.execute("PRAGMA query_only=true");
      }
      return new SqliteNodeStore(c, r);
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** Creates {@code file} readable by its owner only, or takes group and other access away. */
  static void ownerOnly(Path file) throws IOException {
    if (!Files.exists(file)) {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not a POSIX file system: its own access rules apply
      }
    }
    ownerOnlyIfPresent(file);
  }

  private static void ownerOnlyIfPresent(Path file) throws IOException {
    try {
      if (Files.exists(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }

  private static void migrate(Statement s) throws SQLException {
    for (String[] col : ADDED) {
      boolean present = false;
      try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + col[0] + ")")) {
        while (rs.next()) {
          present |= rs.getString("name").equals(col[1]);
        }
      }
      if (!present) {
        s.execute("ALTER TABLE " + col[0] + " ADD COLUMN " + col[1] + " " + col[2]);
      }
    }
  }

  @FunctionalInterface
  private interface Tx<T> {
    T run() throws SQLException;
  }

  /** How deep in {@link #atomically} the writer is: inside, changes wait for its commit. */
  private int atomicDepth;

  @Override
  public synchronized <T> T atomically(Work<T> work) throws Exception {
    atomicDepth++;
    boolean done = false;
    try {
      T t = work.run();
      done = true;
      return t;
    } finally {
      if (--atomicDepth == 0) {
        if (done) {
          db.commit();
        } else {
          db.rollback();
        }
      }
    }
  }

  private synchronized <T> T tx(String what, Tx<T> body) throws StoreException {
    if (atomicDepth > 0) {
      try {
        return body.run(); // committed or rolled back with the whole by atomically()
      } catch (SQLException e) {
        throw new StoreException(what + ": " + e.getMessage(), e);
      }
    }
    try {
      T t = body.run();
      db.commit();
      return t;
    } catch (SQLException e) {
      try {
        db.rollback();
      } catch (SQLException ignored) {
        // the original error is the one to report
      }
      throw new StoreException(what + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Read<T> {
    T run(Connection reader) throws SQLException;
  }

  /** A read on the reader connection, each statement in its own snapshot (autocommit). */
  private <T> T read(String what, Read<T> body) throws StoreException {
    synchronized (reader) {
      try {
        return body.run(reader);
      } catch (SQLException e) {
        throw new StoreException(what + ": " + e.getMessage(), e);
      }
    }
  }

  private void auditRow(String actor, String action, String detail) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("INSERT INTO audit (at, actor, action, detail) VALUES (?,?,?,?)")) {
      p.setString(1, Instant.now().toString());
      p.setString(2, actor);
      p.setString(3, action);
      p.setString(4, detail);
      p.executeUpdate();
    }
  }

  private void insertMessages(List<MessageRow> rows) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO messages"
        + " (party, idx, type, leaf_hash, entry, stored_at, client_id, request_digest)"
        + " VALUES (?,?,?,?,?,?,?,?)")) {
      for (MessageRow r : rows) {
        p.setString(1, r.party());
        p.setLong(2, r.index());
        p.setString(3, r.type());
        p.setString(4, r.leafHash());
        p.setBytes(5, r.entry());
        p.setString(6, r.storedAt().toString());
        p.setString(7, r.clientId());
        p.setString(8, r.requestDigest());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  @Override
  public void putOwnMessages(List<MessageRow> rows, String actor) throws StoreException {
    if (rows.isEmpty()) {
      return;
    }
    tx("store messages", () -> {
      insertMessages(rows);
      for (MessageRow r : rows) {
        auditRow(actor, "append", r.party() + "/" + r.index() + " " + r.type());
      }
      return null;
    });
  }

  @Override
  public boolean applyMirrored(MirrorStep step) throws StoreException {
    String peer = step.peer();
    return tx("apply mirrored entries", () -> {
      ensurePeer(peer);
      long mirrored = longQuery("SELECT mirrored FROM peers WHERE peer=?", peer);
      if (mirrored != step.from()) {
        return false;
      }
      insertMessages(step.rows());
      putTiles(peer, step.tiles());
      long size = step.from() + step.rows().size();
      try (PreparedStatement p = db.prepareStatement("UPDATE peers SET mirrored=?,"
          + " mirrored_checkpoint=COALESCE(?, mirrored_checkpoint), mirror_pending=?,"
          + " mirror_proof=?,"
          + " last_contact=? WHERE peer=?")) {
        p.setLong(1, size);
        p.setString(2, step.checkpoint());
        p.setString(3, step.pending());
        p.setString(4, step.proof());
        p.setString(5, Instant.now().toString());
        p.setString(6, peer);
        p.executeUpdate();
      }
      if (!step.rows().isEmpty()) {
        auditRow("peer:" + peer, "mirror", peer + " " + step.from() + ".." + size);
      }
      return true;
    });
  }

  private void putTiles(String peer, Map<TileId, byte[]> tiles) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "INSERT OR REPLACE INTO mirror_tiles (peer, level, idx, data) VALUES (?,?,?,?)")) {
      for (var t : tiles.entrySet()) {
        p.setString(1, peer);
        p.setInt(2, t.getKey().level());
        p.setLong(3, t.getKey().index());
        p.setBytes(4, t.getValue());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  @Override
  public void resetMirror(String peer, String actor) throws StoreException {
    tx("reset mirror", () -> {
      for (String sql : new String[] {"DELETE FROM messages WHERE party=?",
          "DELETE FROM mirror_tiles WHERE peer=?", "UPDATE peers SET mirrored=0,"
              + " mirrored_checkpoint=NULL, mirror_pending=NULL, mirror_proof=NULL WHERE peer=?"}) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
          p.setString(1, peer);
          p.executeUpdate();
        }
      }
      auditRow(actor, "mirror-reset", peer);
      return null;
    });
  }

  @Override
  public Optional<MirrorPending> mirrorPending(String peer) throws StoreException {
    return read("read mirror", r -> {
      try (PreparedStatement p =
          r.prepareStatement("SELECT mirror_pending, mirror_proof FROM peers WHERE peer=?")) {
        p.setString(1, peer);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() && rs.getString(1) != null
              ? Optional.of(new MirrorPending(rs.getString(1), rs.getString(2)))
              : Optional.<MirrorPending>empty();
        }
      }
    });
  }

  @Override
  public Optional<byte[]> mirrorTile(String peer, int level, long index) throws StoreException {
    return read("read mirror tile", r -> {
      try (PreparedStatement p = r.prepareStatement(
          "SELECT data FROM mirror_tiles WHERE peer=? AND level=? AND idx=?")) {
        p.setString(1, peer);
        p.setInt(2, level);
        p.setLong(3, index);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
        }
      }
    });
  }

  private void ensurePeer(String peer) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO peers (peer) VALUES (?)")) {
      p.setString(1, peer);
      p.executeUpdate();
    }
  }

  private long longQuery(String sql, String arg) throws SQLException {
    return longQuery(db, sql, arg);
  }

  private static long longQuery(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, arg);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static MessageRow row(ResultSet rs) throws SQLException {
    return new MessageRow(rs.getString("party"), rs.getLong("idx"), rs.getString("type"), rs.getString("leaf_hash"),
        rs.getBytes("entry"), Instant.parse(rs.getString("stored_at")), rs.getString("client_id"),
        rs.getString("request_digest"));
  }

  private static MessageRow withoutEntry(ResultSet rs) throws SQLException {
    return new MessageRow(rs.getString("party"), rs.getLong("idx"), rs.getString("type"),
        rs.getString("leaf_hash"), null, Instant.parse(rs.getString("stored_at")),
        rs.getString("client_id"));
  }

  private List<MessageRow> rows(PreparedStatement p) throws SQLException {
    List<MessageRow> out = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(row(rs));
      }
    }
    return out;
  }

  @Override
  public Optional<MessageRow> message(String party, long index) throws StoreException {
    return read("read message", r -> {
      try (PreparedStatement p = r.prepareStatement("SELECT * FROM messages WHERE party=? AND idx=?")) {
        p.setString(1, party);
        p.setLong(2, index);
        return rows(p).stream().findFirst();
      }
    });
  }

  @Override
  public Optional<MessageRow> messageByClientId(String party, String clientId) throws StoreException {
    return read("read message", r -> {
      try (PreparedStatement p = r.prepareStatement("SELECT * FROM messages WHERE party=? AND client_id=?")) {
        p.setString(1, party);
        p.setString(2, clientId);
        return rows(p).stream().findFirst();
      }
    });
  }

  @Override
  public List<MessageRow> messages(String party, boolean exceptParty, String type, int limit,
      long maxBytes) throws StoreException {
    StringBuilder sql =
        new StringBuilder("SELECT *, length(entry) AS size FROM messages WHERE 1=1");
    List<String> args = new ArrayList<>();
    if (party != null) {
      sql.append(exceptParty ? " AND party<>?" : " AND party=?");
      args.add(party);
    }
    if (type != null) {
      sql.append(" AND type=?");
      args.add(type);
    }
    sql.append(" ORDER BY rowid DESC LIMIT ").append(Math.max(1, limit));
    return read("list messages", r -> {
      try (PreparedStatement p = r.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          p.setString(i + 1, args.get(i));
        }
        List<MessageRow> out = new ArrayList<>();
        long bytes = 0;
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            bytes += rs.getLong("size");
            // the blob is read only if asked for
            out.add(bytes <= maxBytes ? row(rs) : withoutEntry(rs));
          }
        }
        return out;
      }
    });
  }

  @Override
  public List<MessageRow> allMessages(String party) throws StoreException {
    return read("list messages", r -> {
      try (PreparedStatement p = r.prepareStatement("SELECT * FROM messages WHERE party=? ORDER BY idx")) {
        p.setString(1, party);
        return rows(p);
      }
    });
  }

  @Override
  public List<MessageRow> messagesFrom(String party, long from, int maxRows, long maxBytes)
      throws StoreException {
    return read("list messages", r -> {
      try (PreparedStatement p = r.prepareStatement(
          "SELECT * FROM messages WHERE party=? AND idx>=? ORDER BY idx LIMIT ?")) {
        p.setString(1, party);
        p.setLong(2, from);
        p.setInt(3, Math.max(1, maxRows));
        List<MessageRow> out = new ArrayList<>();
        long bytes = 0;
        try (ResultSet rs = p.executeQuery()) {
          while (bytes < maxBytes && rs.next()) {
            MessageRow row = row(rs);
            bytes += row.entry().length;
            out.add(row);
          }
        }
        return out;
      }
    });
  }

  @Override
  public void repairMessage(MessageRow row, String actor) throws StoreException {
    tx("repair message", () -> {
      try (PreparedStatement p = db.prepareStatement(
          "UPDATE messages SET entry=?, leaf_hash=?, type=? WHERE party=? AND idx=?")) {
        p.setBytes(1, row.entry());
        p.setString(2, row.leafHash());
        p.setString(3, row.type());
        p.setString(4, row.party());
        p.setLong(5, row.index());
        if (p.executeUpdate() == 0) {
          insertMessages(List.of(row));
        }
      }
      auditRow(actor, "repair", row.party() + "/" + row.index());
      return null;
    });
  }

  @Override
  public long countMessages(String party) throws StoreException {
    return read("count messages", r -> longQuery(r, "SELECT COUNT(*) FROM messages WHERE party=?", party));
  }

  @Override
  public void putCosignature(Cosignature c, boolean receipt) throws StoreException {
    tx("store cosignature", () -> {
      try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO cosignatures"
          + " (log_party, witness, size, line, cosigned_at, stored_at) VALUES (?,?,?,?,?,?)")) {
        p.setString(1, c.logParty());
        p.setString(2, c.witness());
        p.setLong(3, c.size());
        p.setString(4, c.line());
        p.setLong(5, c.cosignedAt());
        p.setString(6, c.storedAt().toString());
        p.executeUpdate();
      }
      if (receipt) {
        ensurePeer(c.witness());
        try (PreparedStatement p = db.prepareStatement(
            "UPDATE peers SET cosigned=MAX(cosigned, ?), published=MAX(published, ?), last_contact=? WHERE peer=?")) {
          p.setLong(1, c.size());
          p.setLong(2, c.size());
          p.setString(3, Instant.now().toString());
          p.setString(4, c.witness());
          p.executeUpdate();
        }
        auditRow("peer:" + c.witness(), "receipt", "cosigned size " + c.size());
      } else {
        auditRow("node", "cosign", c.logParty() + " size " + c.size());
      }
      return null;
    });
  }

  @Override
  public Optional<Cosignature> latestCosignature(String logParty, String witness) throws StoreException {
    return read("read cosignature", r -> {
      try (PreparedStatement p = r.prepareStatement(
          "SELECT * FROM cosignatures WHERE log_party=? AND witness=? ORDER BY size DESC LIMIT 1")) {
        p.setString(1, logParty);
        p.setString(2, witness);
        try (ResultSet rs = p.executeQuery()) {
          if (!rs.next()) {
            return Optional.<Cosignature>empty();
          }
          return Optional.of(new Cosignature(rs.getString("log_party"), rs.getString("witness"), rs.getLong("size"),
              rs.getString("line"), rs.getLong("cosigned_at"), Instant.parse(rs.getString("stored_at"))));
        }
      }
    });
  }

  @Override
  public java.util.NavigableMap<Long, Long> firstCosignatureTimes(String logParty) throws StoreException {
    return read("read cosignatures", r -> {
      java.util.NavigableMap<Long, Long> out = new java.util.TreeMap<>();
      try (PreparedStatement p = r.prepareStatement(
          "SELECT size, MIN(cosigned_at) FROM cosignatures WHERE log_party=? GROUP BY size ORDER BY size")) {
        p.setString(1, logParty);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getLong(1), rs.getLong(2));
          }
        }
      }
      return out;
    });
  }

  @Override
  public PeerPosition position(String peer) throws StoreException {
    return read("read peer", r -> {
      try (PreparedStatement p = r.prepareStatement("SELECT * FROM peers WHERE peer=?")) {
        p.setString(1, peer);
        try (ResultSet rs = p.executeQuery()) {
          if (!rs.next()) {
            return PeerPosition.initial(peer);
          }
          String lc = rs.getString("last_contact");
          return new PeerPosition(peer, rs.getLong("published"), rs.getLong("cosigned"), rs.getLong("mirrored"),
              rs.getString("mirrored_checkpoint"), lc == null ? null : Instant.parse(lc));
        }
      }
    });
  }

  @Override
  public void setPublished(String peer, long size) throws StoreException {
    raisePeerSize(peer, "published", size);
  }

  @Override
  public void setCosigned(String peer, long size) throws StoreException {
    raisePeerSize(peer, "cosigned", size);
  }

  /** Raises one of the peer's sizes to {@code size}; never lowers it. {@code column} is a constant of this class. */
  private void raisePeerSize(String peer, String column, long size) throws StoreException {
    tx("update peer", () -> {
      ensurePeer(peer);
      try (PreparedStatement p = db.prepareStatement(
          "UPDATE peers SET " + column + "=MAX(" + column + ", ?) WHERE peer=?")) {
        p.setLong(1, size);
        p.setString(2, peer);
        p.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void raiseAlarm(String peer, String kind, String source, String detail, long times)
      throws StoreException {
    tx("raise alarm", () -> {
      String now = Instant.now().toString();
      long id = -1;
      try (PreparedStatement p = db.prepareStatement(
          "SELECT id FROM alarms WHERE peer=? AND kind=? AND source=? ORDER BY id LIMIT 1")) {
        p.setString(1, peer);
        p.setString(2, kind);
        p.setString(3, source);
        try (ResultSet rs = p.executeQuery()) {
          id = rs.next() ? rs.getLong(1) : -1;
        }
      }
      if (id >= 0) {
        try (PreparedStatement p = db.prepareStatement(
            "UPDATE alarms SET count=count+?, last_seen=?, detail=? WHERE id=?")) {
          p.setLong(1, times);
          p.setString(2, now);
          p.setString(3, detail);
          p.setLong(4, id);
          p.executeUpdate();
        }
        return null;
      }
      try (PreparedStatement p = db.prepareStatement(
          "INSERT INTO alarms (peer, kind, source, detail, at, last_seen, count)"
              + " VALUES (?,?,?,?,?,?,?)")) {
        p.setString(1, peer);
        p.setString(2, kind);
        p.setString(3, source);
        p.setString(4, detail);
        p.setString(5, now);
        p.setString(6, now);
        p.setLong(7, times);
        p.executeUpdate();
      }
      auditRow("node", "alarm", peer + " " + kind + " (" + source + ")");
      return null;
    });
  }

  @Override
  public Optional<String> witnessCheckpoint(String origin) throws StoreException {
    return read("read witness state", r -> {
      try (PreparedStatement p = r.prepareStatement("SELECT checkpoint FROM witness_state WHERE origin=?")) {
        p.setString(1, origin);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  @Override
  public boolean swapWitnessCheckpoint(String origin, String expected, String next) throws StoreException {
    return tx("store witness state", () -> {
      String sql = expected == null
          ? "INSERT OR IGNORE INTO witness_state (checkpoint, origin) VALUES (?, ?)"
          : "UPDATE witness_state SET checkpoint=? WHERE origin=? AND checkpoint=?";
      try (PreparedStatement p = db.prepareStatement(sql)) {
        p.setString(1, next);
        p.setString(2, origin);
        if (expected != null) {
          p.setString(3, expected);
        }
        return p.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<Alarm> alarms() throws StoreException {
    return alarms(0, Integer.MAX_VALUE);
  }

  @Override
  public List<Alarm> alarms(int offset, int limit) throws StoreException {
    return read("list alarms", r -> {
      List<Alarm> out = new ArrayList<>();
      try (PreparedStatement p =
          r.prepareStatement("SELECT * FROM alarms ORDER BY id LIMIT ? OFFSET ?")) {
        p.setInt(1, Math.max(0, limit));
        p.setInt(2, Math.max(0, offset));
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            Instant at = Instant.parse(rs.getString("at"));
            String last = rs.getString("last_seen");
            out.add(new Alarm(rs.getLong("id"), rs.getString("peer"), rs.getString("kind"),
                rs.getString("source"), rs.getString("detail"), at,
                last == null ? at : Instant.parse(last), rs.getLong("count")));
          }
        }
      }
      return out;
    });
  }

  @Override
  public long countAlarms() throws StoreException {
    return read("count alarms", r -> {
      try (Statement st = r.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM alarms")) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  @Override
  public void putToken(TokenRow t, String actor) throws StoreException {
    tx("store token", () -> {
      try (PreparedStatement p = db.prepareStatement(
          "INSERT INTO tokens (hash, name, role, created_at) VALUES (?,?,?,?)")) {
        p.setString(1, t.hash());
        p.setString(2, t.name());
        p.setString(3, t.role());
        p.setString(4, t.createdAt().toString());
        p.executeUpdate();
      }
      auditRow(actor, "token", "created " + t.role() + " token '" + t.name() + "'");
      return null;
    });
  }

  @Override
  public Optional<TokenRow> token(String hash) throws StoreException {
    return read("read token", r -> {
      try (PreparedStatement p = r.prepareStatement("SELECT * FROM tokens WHERE hash=?")) {
        p.setString(1, hash);
        try (ResultSet rs = p.executeQuery()) {
          if (!rs.next()) {
            return Optional.<TokenRow>empty();
          }
          return Optional.of(new TokenRow(rs.getString("hash"), rs.getString("name"), rs.getString("role"),
              Instant.parse(rs.getString("created_at"))));
        }
      }
    });
  }

  @Override
  public void audit(String actor, String action, String detail) throws StoreException {
    tx("audit", () -> {
      auditRow(actor, action, detail);
      return null;
    });
  }

  @Override
  public List<AuditRecord> auditTrail(int limit) throws StoreException {
    return read("read audit", r -> {
      List<AuditRecord> out = new ArrayList<>();
      try (PreparedStatement p = r.prepareStatement("SELECT * FROM audit ORDER BY id DESC LIMIT " + Math.max(1, limit));
          ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new AuditRecord(rs.getLong("id"), Instant.parse(rs.getString("at")), rs.getString("actor"),
              rs.getString("action"), rs.getString("detail")));
        }
      }
      return out;
    });
  }

  @Override
  public List<String> checkIntegrity() throws StoreException {
    return read("check the database", r -> {
      List<String> out = new ArrayList<>();
      try (Statement st = r.createStatement();
          ResultSet rs = st.executeQuery("PRAGMA integrity_check(100)")) {
        while (rs.next()) {
          if (!"ok".equals(rs.getString(1))) {
            out.add("SQLite integrity check: " + rs.getString(1));
          }
        }
      }
      return out;
    });
  }

  @Override
  public synchronized void close() throws StoreException {
    try {
      synchronized (reader) {
        reader.close();
      }
      db.close();
    } catch (SQLException e) {
      throw new StoreException("close: " + e.getMessage(), e);
    }
  }
}
