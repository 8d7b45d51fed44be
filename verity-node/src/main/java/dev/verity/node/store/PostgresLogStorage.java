package dev.verity.node.store;

import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.Publication;
import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's own log in tables of its agreement's schema (migration V3): the checkpoint in one row,
 * each tile and entry bundle in a row named by its full tile's C2SP path and its width.
 *
 * <p>{@link #publish} is one transaction: the tiles, then the checkpoint by compare-and-set on its
 * generation (the one this storage last saw), so that of two writers only one can ever replace a
 * given checkpoint. {@link #lockForWriting} takes a session advisory lock keyed by the database
 * and schema on a connection of its own, held until {@link #close}; the writer's publications run
 * on that very connection, so one commits only while its session holds the lock. A writer whose
 * connection is lost (its lock freed, a standby may hold it now) or whose compare-and-set fails is
 * fenced: every later publication fails, until it is opened again (decisions.md, "The standby").
 * Readers read through the store's pool and need no lock: a publication is seen whole or not.
 */
final class PostgresLogStorage implements LogStorage, WriterLock {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresLogStorage.class);

  /** The advisory lock's first key: "VRTY", so Verity's locks are told from others'. */
  static final int LOCK_CLASS = 0x56525459;

  /** Its second key: this database and schema, one lock per agreement's log. */
  private static final String LOCK_KEY = "hashtext(current_database() || '.' || current_schema())";

  /** Opens a connection of its own, outside the pool (the pool may recycle its connections). */
  interface Connector {
    Connection connect() throws SQLException;
  }

  private final DataSource pool;
  private final Connector connector;
  private Connection writer;
  /** The checkpoint's generation this storage last saw, 0 for none; null until first needed. */
  private Long generation;
  private String fenced;

  PostgresLogStorage(DataSource pool, Connector connector) {
    this.pool = pool;
    this.connector = connector;
  }

  @Override
  public Optional<byte[]> readCheckpoint() throws IOException {
    return one("SELECT body FROM log_checkpoint WHERE id = 1");
  }

  @Override
  public Optional<byte[]> read(TilePath path) throws IOException {
    return one("SELECT body FROM log_tiles WHERE tile = ? AND width = ?", tile(path), path.width());
  }

  @Override
  public SortedSet<Integer> partialWidths(TilePath tile) throws IOException {
    SortedSet<Integer> out = new TreeSet<>();
    try (Connection c = pool.getConnection();
        PreparedStatement st =
            c.prepareStatement("SELECT width FROM log_tiles WHERE tile = ? AND width < ?")) {
      st.setString(1, tile(tile));
      st.setInt(2, TilePath.WIDTH);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failed("read the log's tiles", e);
    }
  }

  @Override
  public synchronized void delete(TilePath path) throws IOException {
    checkNotFenced();
    try (Connection c = pool.getConnection();
        PreparedStatement st =
            c.prepareStatement("DELETE FROM log_tiles WHERE tile = ? AND width = ?")) {
      st.setString(1, tile(path));
      st.setInt(2, path.width());
      st.executeUpdate();
    } catch (SQLException e) {
      throw failed("delete " + path.path(), e);
    }
  }

  @Override
  public synchronized void publish(Publication p) throws IOException {
    checkNotFenced();
    if (writer != null) {
      publishOn(writer, p);
      return;
    }
    try (Connection c = pool.getConnection()) {
      publishOn(c, p);
    } catch (SQLException e) {
      throw failed("publish the log's checkpoint", e);
    }
  }

  private void publishOn(Connection c, Publication p) throws IOException {
    try {
      c.setAutoCommit(false);
      try {
        long seen = generation != null ? generation : generation(c);
        putTiles(c, p.files());
        if (!replaceCheckpoint(c, seen, p.checkpoint())) {
          c.rollback();
          fence("found the checkpoint replaced by another writer since it last saw it");
        }
        c.commit();
        generation = seen + 1;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      if (c == writer) {
        fence("lost its database session, and with it the writer lock: " + e.getMessage());
      }
      throw failed("publish the log's checkpoint", e);
    }
  }

  private static void putTiles(Connection c, Map<TilePath, byte[]> files) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("INSERT INTO log_tiles (tile, width, body)"
        + " VALUES (?, ?, ?) ON CONFLICT (tile, width) DO UPDATE SET body = EXCLUDED.body")) {
      for (var f : files.entrySet()) {
        st.setString(1, tile(f.getKey()));
        st.setInt(2, f.getKey().width());
        st.setBytes(3, f.getValue());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  /** The compare-and-set: true if the checkpoint was still at generation {@code seen}. */
  private static boolean replaceCheckpoint(Connection c, long seen, byte[] body)
      throws SQLException {
    String sql = seen == 0
        ? "INSERT INTO log_checkpoint (id, generation, body) VALUES (1, 1, ?)"
            + " ON CONFLICT (id) DO NOTHING"
        : "UPDATE log_checkpoint SET generation = generation + 1, body = ?"
            + " WHERE id = 1 AND generation = ?";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setBytes(1, body);
      if (seen != 0) {
        st.setLong(2, seen);
      }
      return st.executeUpdate() == 1;
    }
  }

  private static long generation(Connection c) throws SQLException {
    try (PreparedStatement st =
            c.prepareStatement("SELECT generation FROM log_checkpoint WHERE id = 1");
        ResultSet rs = st.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * Takes the advisory lock on a connection of its own, or fails with {@link
   * WriterLockHeldException} if another session holds it.
   */
  @Override
  public synchronized void lockForWriting() throws IOException {
    if (writer != null) {
      throw new IOException("this log is already open for writing");
    }
    Connection c = null;
    try {
      c = connector.connect();
      if (!tryLock(c)) {
        String schema = c.getSchema();
        c.close();
        throw new WriterLockHeldException("another process writes this log (it holds the"
            + " PostgreSQL advisory lock of schema " + schema + ")");
      }
      generation = generation(c);
      writer = c;
      fenced = null;
    } catch (SQLException e) {
      closeQuietly(c);
      throw failed("take the log's writer lock", e);
    }
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement st =
            c.prepareStatement("SELECT pg_try_advisory_lock(?, " + LOCK_KEY + ")")) {
      st.setInt(1, LOCK_CLASS);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /**
   * Fenced, or the writer's session no longer answers (a round trip on it, bounded at 2 s): then
   * fenced from now on. Empty for a storage that holds no lock.
   */
  @Override
  public synchronized Optional<String> lost() {
    if (fenced == null && writer != null) {
      try {
        if (!writer.isValid(2)) {
          fenced = "lost its database session, and with it the writer lock";
        }
      } catch (SQLException e) {
        fenced = "lost its database session: " + e.getMessage();
      }
      if (fenced != null) {
        LOG.error("log writer fenced: it {}: it appends nothing more", fenced);
      }
    }
    return Optional.ofNullable(fenced);
  }

  private void checkNotFenced() throws IOException {
    if (fenced != null) {
      throw new IOException("this log writer is fenced: it " + fenced
          + "; restart the node (it stands by if another process writes the log)");
    }
  }

  private void fence(String why) throws IOException {
    fenced = why;
    LOG.error("log writer fenced: it {}: it appends nothing more", why);
    throw new IOException("this log writer is fenced: it " + why);
  }

  /** Releases the writer lock, if held (the storage stays readable). */
  @Override
  public synchronized void close() {
    closeQuietly(writer);
    writer = null;
    generation = null;
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing the log writer's connection: {}", e.getMessage());
    }
  }

  private Optional<byte[]> one(String sql, Object... args) throws IOException {
    try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("read the log", e);
    }
  }

  /** The full tile's path: every width of one tile under one name. */
  private static String tile(TilePath p) {
    return p.withWidth(TilePath.WIDTH).path();
  }

  private static IOException failed(String what, SQLException e) {
    return new IOException("cannot " + what + " in PostgreSQL: " + e.getMessage(), e);
  }
}
