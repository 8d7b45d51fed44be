package dev.verity.node.store;

import dev.verity.node.store.Records.Alarm;
import dev.verity.node.store.Records.AuditQuery;
import dev.verity.node.store.Records.AuditRecord;
import dev.verity.node.store.Records.Cosignature;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.Records.MirrorPending;
import dev.verity.node.store.Records.MirrorStep;
import dev.verity.node.store.Records.PeerPosition;
import dev.verity.node.store.Records.TokenRow;
import dev.verity.tlog.tiles.TileId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SQL of both stores, written once. SQLite (3.24 on) and PostgreSQL share the upsert ({@code
 * INSERT ... ON CONFLICT}); instants are ISO-8601 text in both, so a row reads back exactly as
 * it was written; {@code rowid} is the order of arrival (SQLite's implicit column, an identity
 * column of that name in PostgreSQL). Every decision a transaction takes rests on one conditional
 * write to one row (the mirror's position, the witness's checkpoint, an alarm's key), so it holds
 * under PostgreSQL's READ COMMITTED, where a concurrent writer waits for that row's lock and then
 * re-checks the condition (PostgreSQL manual §13.2.1), as it does under SQLite's single writer
 * (decisions.md, "The PostgreSQL store's transactions"). A subclass gives the connections and the
 * database's own integrity check.
 */
abstract class SqlNodeStore implements NodeStore {

  /** The node's clock: audit rows, alarms and peer contact are dated by it (an exercise's time). */
  private final Clock clock;

  SqlNodeStore(Clock clock) {
    this.clock = clock;
  }

  /** The connection of the {@link #atomically} transaction this thread is in, if any. */
  private final ThreadLocal<Connection> enclosing = new ThreadLocal<>();

  /**
   * Runs {@code body} in one transaction: committed if it returns, rolled back if it throws; or,
   * inside {@link #atomically}, as part of that transaction.
   */
  final <T> T write(String what, Sql.Work<T> body) throws StoreException {
    Connection c = enclosing.get();
    // inside atomically(), committed or rolled back with the whole
    return c == null ? writeAlone(what, body) : onEnclosing(c, what, body);
  }

  private static <T> T onEnclosing(Connection c, String what, Sql.Work<T> body)
      throws StoreException {
    try {
      return body.run(c);
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  /** Runs {@code body} in a transaction of its own. */
  abstract <T> T writeAlone(String what, Sql.Work<T> body) throws StoreException;

  /**
   * Runs {@code work} with {@code c} (autocommit off) as the connection of every write this
   * thread makes, then commits them together, or rolls them all back if it throws. A nested call
   * is part of the outer one.
   */
  final <T> T atomicallyOn(Connection c, Work<T> work) throws Exception {
    if (enclosing.get() != null) {
      return work.run();
    }
    enclosing.set(c);
    try {
      T t = work.run();
      c.commit();
      return t;
    } catch (Exception | Error e) {
      rollback(c);
      throw e;
    } finally {
      enclosing.remove();
    }
  }

  /**
   * Runs {@code work} with {@code c} as the connection of every write this thread makes, without
   * committing: the caller commits or rolls back (a group commit, {@link SqliteNodeStore}). A
   * nested call is part of the outer one.
   */
  final <T> T enclosedOn(Connection c, Work<T> work) throws Exception {
    if (enclosing.get() != null) {
      return work.run();
    }
    enclosing.set(c);
    try {
      return work.run();
    } finally {
      enclosing.remove();
    }
  }

  /** Whether this thread is inside an {@link #atomically} transaction. */
  final boolean inTransaction() {
    return enclosing.get() != null;
  }

  /**
   * Runs {@code body} on a connection where each statement sees the last commit; or, inside
   * {@link #atomically}, on its connection, so that the work reads what it has written.
   */
  final <T> T read(String what, Sql.Work<T> body) throws StoreException {
    Connection c = enclosing.get();
    return c == null ? readAlone(what, body) : onEnclosing(c, what, body);
  }

  /** Runs {@code body} on a connection where each statement sees the last commit. */
  abstract <T> T readAlone(String what, Sql.Work<T> body) throws StoreException;

  /** Runs {@code body} on {@code c} (autocommit off) and commits, or rolls back. */
  static <T> T transaction(Connection c, String what, Sql.Work<T> body) throws StoreException {
    try {
      T t = body.run(c);
      c.commit();
      return t;
    } catch (SQLException e) {
      rollback(c);
      throw failed(what, e);
    } catch (RuntimeException e) {
      rollback(c);
      throw e;
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the original error is the one to report
    }
  }

  static StoreException failed(String what, SQLException e) {
    return new StoreException(what + ": " + e.getMessage(), e);
  }

  private String now() {
    return clock.instant().toString();
  }

  private void auditRow(Connection c, String actor, String action, String detail)
      throws SQLException {
    Sql.update(c, "INSERT INTO audit (at, actor, action, detail) VALUES (?,?,?,?)", now(), actor,
        action, detail);
  }

  private static void insertMessages(Connection c, List<MessageRow> rows) throws SQLException {
    List<Object[]> values = new ArrayList<>();
    for (MessageRow r : rows) {
      values.add(new Object[] {r.party(), r.index(), r.type(), r.leafHash(), r.entry(),
          r.storedAt().toString(), r.clientId(), r.requestDigest()});
    }
    Sql.batch(c, "INSERT INTO messages (party, idx, type, leaf_hash, entry, stored_at, client_id,"
        + " request_digest) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", values);
  }

  @Override
  public void putOwnMessages(List<MessageRow> rows, String actor) throws StoreException {
    if (rows.isEmpty()) {
      return;
    }
    write("store messages", c -> {
      insertMessages(c, rows);
      for (MessageRow r : rows) {
        auditRow(c, actor, "append", r.party() + "/" + r.index() + " " + r.type());
      }
      return null;
    });
  }

  /**
   * The position moves first, from {@code step.from()} only: of two writers of one step, the
   * second waits for the first's row lock and then finds the position moved.
   */
  @Override
  public boolean applyMirrored(MirrorStep step) throws StoreException {
    String peer = step.peer();
    long size = step.from() + step.rows().size();
    return write("apply mirrored entries", c -> {
      ensurePeer(c, peer);
      int moved = Sql.update(c, "UPDATE peers SET mirrored=?,"
          + " mirrored_checkpoint=COALESCE(?, mirrored_checkpoint), mirror_pending=?,"
          + " mirror_proof=?, last_contact=? WHERE peer=? AND mirrored=?", size,
          step.checkpoint(), step.pending(), step.proof(), now(), peer, step.from());
      if (moved == 0) {
        return false;
      }
      insertMessages(c, step.rows());
      putTiles(c, peer, step.tiles());
      if (!step.rows().isEmpty()) {
        auditRow(c, "peer:" + peer, "mirror", peer + " " + step.from() + ".." + size);
      }
      return true;
    });
  }

  private static void putTiles(Connection c, String peer, Map<TileId, byte[]> tiles)
      throws SQLException {
    List<Object[]> values = new ArrayList<>();
    for (var t : tiles.entrySet()) {
      values.add(new Object[] {peer, t.getKey().level(), t.getKey().index(), t.getValue()});
    }
    Sql.batch(c, "INSERT INTO mirror_tiles (peer, level, idx, data) VALUES (?,?,?,?)"
        + " ON CONFLICT (peer, level, idx) DO UPDATE SET data=excluded.data", values);
  }

  @Override
  public void resetMirror(String peer, String actor) throws StoreException {
    write("reset mirror", c -> {
      Sql.update(c, "DELETE FROM messages WHERE party=?", peer);
      Sql.update(c, "DELETE FROM mirror_tiles WHERE peer=?", peer);
      Sql.update(c, "UPDATE peers SET mirrored=0, mirrored_checkpoint=NULL, mirror_pending=NULL,"
          + " mirror_proof=NULL WHERE peer=?", peer);
      auditRow(c, actor, "mirror-reset", peer);
      return null;
    });
  }

  @Override
  public Optional<MirrorPending> mirrorPending(String peer) throws StoreException {
    return read("read mirror", c -> Sql.first(c,
        "SELECT mirror_pending, mirror_proof FROM peers"
            + " WHERE peer=? AND mirror_pending IS NOT NULL",
        rs -> new MirrorPending(rs.getString(1), rs.getString(2)), peer));
  }

  @Override
  public Optional<byte[]> mirrorTile(String peer, int level, long index) throws StoreException {
    return read("read mirror tile", c -> Sql.first(c,
        "SELECT data FROM mirror_tiles WHERE peer=? AND level=? AND idx=?", rs -> rs.getBytes(1),
        peer, level, index));
  }

  private static void ensurePeer(Connection c, String peer) throws SQLException {
    Sql.update(c, "INSERT INTO peers (peer) VALUES (?) ON CONFLICT DO NOTHING", peer);
  }

  private static MessageRow row(ResultSet rs) throws SQLException {
    return new MessageRow(rs.getString("party"), rs.getLong("idx"), rs.getString("type"),
        rs.getString("leaf_hash"), rs.getBytes("entry"), Instant.parse(rs.getString("stored_at")),
        rs.getString("client_id"), rs.getString("request_digest"));
  }

  private static MessageRow withoutEntry(ResultSet rs) throws SQLException {
    return new MessageRow(rs.getString("party"), rs.getLong("idx"), rs.getString("type"),
        rs.getString("leaf_hash"), null, Instant.parse(rs.getString("stored_at")),
        rs.getString("client_id"));
  }

  @Override
  public Optional<MessageRow> message(String party, long index) throws StoreException {
    return read("read message", c -> Sql.first(c,
        "SELECT * FROM messages WHERE party=? AND idx=?", SqlNodeStore::row, party, index));
  }

  @Override
  public Optional<MessageRow> messageByClientId(String party, String clientId)
      throws StoreException {
    return read("read message", c -> Sql.first(c,
        "SELECT * FROM messages WHERE party=? AND client_id=?", SqlNodeStore::row, party,
        clientId));
  }

  @Override
  public List<MessageRow> messages(String party, boolean exceptParty, String type, int limit,
      long maxBytes) throws StoreException {
    StringBuilder sql =
        new StringBuilder("SELECT *, length(entry) AS size FROM messages WHERE 1=1");
    List<Object> args = new ArrayList<>();
    if (party != null) {
      sql.append(exceptParty ? " AND party<>?" : " AND party=?");
      args.add(party);
    }
    if (type != null) {
      sql.append(" AND type=?");
      args.add(type);
    }
    sql.append(" ORDER BY rowid DESC LIMIT ?");
    args.add(Math.max(1, limit));
    long[] bytes = {0};
    return read("list messages", c -> Sql.list(c, sql.toString(), rs -> {
      bytes[0] += rs.getLong("size");
      return bytes[0] <= maxBytes ? row(rs) : withoutEntry(rs); // the blob only if asked for
    }, args.toArray()));
  }

  @Override
  public List<MessageRow> allMessages(String party) throws StoreException {
    return read("list messages", c -> Sql.list(c,
        "SELECT * FROM messages WHERE party=? ORDER BY idx", SqlNodeStore::row, party));
  }

  @Override
  public List<MessageRow> messagesFrom(String party, long from, int maxRows, long maxBytes)
      throws StoreException {
    return read("list messages", c -> Sql.query(c,
        "SELECT * FROM messages WHERE party=? AND idx>=? ORDER BY idx LIMIT ?", rs -> {
          List<MessageRow> out = new ArrayList<>();
          long bytes = 0;
          while (bytes < maxBytes && rs.next()) {
            MessageRow row = row(rs);
            bytes += row.entry().length;
            out.add(row);
          }
          return out;
        }, party, from, Math.max(1, maxRows)));
  }

  @Override
  public void repairMessage(MessageRow row, String actor) throws StoreException {
    write("repair message", c -> {
      int changed = Sql.update(c,
          "UPDATE messages SET entry=?, leaf_hash=?, type=? WHERE party=? AND idx=?", row.entry(),
          row.leafHash(), row.type(), row.party(), row.index());
      if (changed == 0) {
        insertMessages(c, List.of(row));
      }
      auditRow(c, actor, "repair", row.party() + "/" + row.index());
      return null;
    });
  }

  @Override
  public long countMessages(String party) throws StoreException {
    return read("count messages",
        c -> Sql.number(c, "SELECT COUNT(*) FROM messages WHERE party=?", party));
  }

  @Override
  public void putCosignature(Cosignature cs, boolean receipt) throws StoreException {
    write("store cosignature", c -> {
      Sql.update(c, "INSERT INTO cosignatures (log_party, witness, size, line, cosigned_at,"
          + " stored_at) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING", cs.logParty(),
          cs.witness(), cs.size(), cs.line(), cs.cosignedAt(), cs.storedAt().toString());
      if (!receipt) {
        auditRow(c, "node", "cosign", cs.logParty() + " size " + cs.size());
        return null;
      }
      ensurePeer(c, cs.witness());
      Sql.update(c, "UPDATE peers SET cosigned=CASE WHEN cosigned<? THEN ? ELSE cosigned END,"
          + " published=CASE WHEN published<? THEN ? ELSE published END, last_contact=?"
          + " WHERE peer=?", cs.size(), cs.size(), cs.size(), cs.size(), now(), cs.witness());
      auditRow(c, "peer:" + cs.witness(), "receipt", "cosigned size " + cs.size());
      return null;
    });
  }

  @Override
  public Optional<Cosignature> latestCosignature(String logParty, String witness)
      throws StoreException {
    return read("read cosignature", c -> Sql.first(c, "SELECT * FROM cosignatures"
        + " WHERE log_party=? AND witness=? ORDER BY size DESC LIMIT 1", rs -> new Cosignature(
            rs.getString("log_party"), rs.getString("witness"), rs.getLong("size"),
            rs.getString("line"), rs.getLong("cosigned_at"),
            Instant.parse(rs.getString("stored_at"))), logParty, witness));
  }

  @Override
  public NavigableMap<Long, Long> firstCosignatureTimes(String logParty) throws StoreException {
    return read("read cosignatures", c -> Sql.query(c, "SELECT size, MIN(cosigned_at)"
        + " FROM cosignatures WHERE log_party=? GROUP BY size ORDER BY size", rs -> {
          NavigableMap<Long, Long> out = new TreeMap<>();
          while (rs.next()) {
            out.put(rs.getLong(1), rs.getLong(2));
          }
          return out;
        }, logParty));
  }

  @Override
  public PeerPosition position(String peer) throws StoreException {
    return read("read peer", c -> Sql.first(c, "SELECT * FROM peers WHERE peer=?", rs -> {
      String lc = rs.getString("last_contact");
      return new PeerPosition(peer, rs.getLong("published"), rs.getLong("cosigned"),
          rs.getLong("mirrored"), rs.getString("mirrored_checkpoint"),
          lc == null ? null : Instant.parse(lc));
    }, peer)).orElse(PeerPosition.initial(peer));
  }

  @Override
  public void setPublished(String peer, long size) throws StoreException {
    raisePeerSize(peer, "published", size);
  }

  @Override
  public void setCosigned(String peer, long size) throws StoreException {
    raisePeerSize(peer, "cosigned", size);
  }

  /** Raises one of the peer's sizes to {@code size}, never lowers it ({@code column}: ours). */
  private void raisePeerSize(String peer, String column, long size) throws StoreException {
    write("update peer", c -> {
      ensurePeer(c, peer);
      return Sql.update(c, "UPDATE peers SET " + column + "=? WHERE peer=? AND " + column + "<?",
          size, peer, size);
    });
  }

  /**
   * The oldest alarm of the key counts the repeat; a new key is inserted, and if a concurrent
   * writer inserted it first (PostgreSQL's unique key refuses the second), counted there.
   */
  @Override
  public void raiseAlarm(String peer, String kind, String source, String detail, long times)
      throws StoreException {
    write("raise alarm", c -> {
      if (countRepeat(c, peer, kind, source, detail, times)) {
        return null;
      }
      String now = now();
      int added = Sql.update(c, "INSERT INTO alarms (peer, kind, source, detail, at, last_seen,"
          + " count) VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", peer, kind, source, detail,
          now, now, times);
      if (added == 1) {
        auditRow(c, "node", "alarm", peer + " " + kind + " (" + source + ")");
      } else {
        countRepeat(c, peer, kind, source, detail, times);
      }
      return null;
    });
  }

  private boolean countRepeat(Connection c, String peer, String kind, String source,
      String detail, long times) throws SQLException {
    return Sql.update(c, "UPDATE alarms SET count=count+?, last_seen=?, detail=? WHERE id="
        + "(SELECT MIN(id) FROM alarms WHERE peer=? AND kind=? AND source=?)", times, now(),
        detail, peer, kind, source) > 0;
  }

  @Override
  public Optional<String> witnessCheckpoint(String origin) throws StoreException {
    return read("read witness state", c -> Sql.first(c,
        "SELECT checkpoint FROM witness_state WHERE origin=?", rs -> rs.getString(1), origin));
  }

  /** One conditional write: the insert of a first checkpoint, or the swap from the expected. */
  @Override
  public boolean swapWitnessCheckpoint(String origin, String expected, String next)
      throws StoreException {
    return write("store witness state", c -> expected == null
        ? Sql.update(c, "INSERT INTO witness_state (checkpoint, origin) VALUES (?, ?)"
            + " ON CONFLICT DO NOTHING", next, origin) == 1
        : Sql.update(c, "UPDATE witness_state SET checkpoint=? WHERE origin=? AND checkpoint=?",
            next, origin, expected) == 1);
  }

  @Override
  public List<Alarm> alarms() throws StoreException {
    return alarms(0, Integer.MAX_VALUE);
  }

  @Override
  public List<Alarm> alarms(int offset, int limit) throws StoreException {
    return read("list alarms", c -> Sql.list(c, "SELECT * FROM alarms ORDER BY id LIMIT ? OFFSET ?",
        rs -> {
          Instant at = Instant.parse(rs.getString("at"));
          String last = rs.getString("last_seen");
          return new Alarm(rs.getLong("id"), rs.getString("peer"), rs.getString("kind"),
              rs.getString("source"), rs.getString("detail"), at,
              last == null ? at : Instant.parse(last), rs.getLong("count"));
        }, Math.max(0, limit), Math.max(0, offset)));
  }

  @Override
  public long countAlarms() throws StoreException {
    return read("count alarms", c -> Sql.number(c, "SELECT COUNT(*) FROM alarms"));
  }

  @Override
  public void putToken(TokenRow t, String actor) throws StoreException {
    write("store token", c -> {
      Sql.update(c, "INSERT INTO tokens (hash, name, role, created_at) VALUES (?,?,?,?)",
          t.hash(), t.name(), t.role(), t.createdAt().toString());
      auditRow(c, actor, "token", "created " + t.role() + " token '" + t.name() + "'");
      return null;
    });
  }

  @Override
  public Optional<TokenRow> token(String hash) throws StoreException {
    return read("read token", c -> Sql.first(c, "SELECT * FROM tokens WHERE hash=?",
        rs -> new TokenRow(rs.getString("hash"), rs.getString("name"), rs.getString("role"),
            Instant.parse(rs.getString("created_at"))), hash));
  }

  @Override
  public void audit(String actor, String action, String detail) throws StoreException {
    write("audit", c -> {
      auditRow(c, actor, action, detail);
      return null;
    });
  }

  @Override
  public List<AuditRecord> auditTrail(AuditQuery q) throws StoreException {
    StringBuilder sql = new StringBuilder("SELECT * FROM audit WHERE 1=1");
    List<Object> args = new ArrayList<>();
    where(sql, args, q.before() > 0, " AND id < ?", q.before());
    where(sql, args, q.actor() != null, " AND actor = ?", q.actor());
    where(sql, args, q.action() != null, " AND action = ?", q.action());
    where(sql, args, q.since() != null, " AND at >= ?", textBound(q.since()));
    where(sql, args, q.until() != null, " AND at < ?", textBound(q.until()));
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add(Math.max(1, q.limit()));
    return read("read audit", c -> Sql.list(c, sql.toString(),
        rs -> new AuditRecord(rs.getLong("id"), Instant.parse(rs.getString("at")),
            rs.getString("actor"), rs.getString("action"), rs.getString("detail")),
        args.toArray()));
  }

  /**
   * {@code at} holds {@link Instant#toString()}, whose fraction has as many digits as it needs
   * ("10:00:00Z", "10:00:00.5Z"), so a whole second without its "Z" sorts, as text, after every
   * instant of the second before and before every instant of its own: a bound at second
   * precision that both stores compare alike.
   */
  static String textBound(Instant t) {
    if (t == null) {
      return null;
    }
    String s = t.truncatedTo(ChronoUnit.SECONDS).toString();
    return s.substring(0, s.length() - 1);
  }

  private static void where(StringBuilder sql, List<Object> args, boolean when, String clause,
      Object arg) {
    if (when) {
      sql.append(clause);
      args.add(arg);
    }
  }

  @Override
  public List<TokenRow> tokens() throws StoreException {
    return read("read tokens", c -> Sql.list(c, "SELECT * FROM tokens ORDER BY created_at, name",
        rs -> new TokenRow(rs.getString("hash"), rs.getString("name"), rs.getString("role"),
            Instant.parse(rs.getString("created_at")))));
  }

  @Override
  public int revokeTokens(String name, String actor) throws StoreException {
    return write("revoke token", c -> {
      int n = Sql.update(c, "DELETE FROM tokens WHERE name=?", name);
      if (n > 0) {
        auditRow(c, actor, "token", "revoked " + n + " token(s) named '" + name + "'");
      }
      return n;
    });
  }
}
