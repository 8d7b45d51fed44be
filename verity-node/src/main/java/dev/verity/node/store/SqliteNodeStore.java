package dev.verity.node.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * {@link NodeStore} in one SQLite file, WAL mode with {@code synchronous=FULL} so a committed
 * transaction survives power loss (sqlite.org/wal.html: NORMAL may lose the last commits). One
 * writing connection, serialized by this object's lock: SQLite allows one writer anyway. Its
 * schema is migrated by Flyway ({@link Migrations}); a {@code node.db} from before that is adopted.
 */
public final class SqliteNodeStore extends SqlNodeStore {
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

  /** The number of the transaction open on {@link #db}, which writes join (under this lock). */
  private long open = 1;

  private final GroupCommit commits = new GroupCommit(this::commitOpen);

  /**
   * Transactions committed so far: the checkpointer's cue that the log has grown. Not {@link
   * #open}, which moves before its commit ends: a checkpoint in between would miss that commit's
   * frames until the next one.
   */
  private volatile long committed;

  /** Checkpoints the write-ahead log off the commits' path. */
  private final WalCheckpointer checkpointer;

  private SqliteNodeStore(Connection db, Connection reader, Connection checkpoints, String name,
      Clock clock) {
    super(clock);
    this.db = db;
    this.reader = reader;
    this.checkpointer = new WalCheckpointer(checkpoints, () -> committed, name);
  }

  /** Opens (creating if needed) the store in {@code file}, its schema migrated to this version. */
  public static SqliteNodeStore open(Path file) throws StoreException {
    return open(file, Clock.systemUTC());
  }

  /** The same, dating audit rows and alarms by {@code clock} (the node's: an exercise's time). */
  public static SqliteNodeStore open(Path file, Clock clock) throws StoreException {
    try {
      ownerOnly(file);
      SQLiteDataSource source = dataSource(file);
      Migrations.migrate(source, Migrations.Database.SQLITE, file.toString());
      for (String suffix : new String[] {"-wal", "-shm"}) {
        ownerOnlyIfPresent(file.resolveSibling(file.getFileName() + suffix));
      }
      Connection c = source.getConnection();
      WalCheckpointer.backstop(c);
      c.setAutoCommit(false);
      Connection r = source.getConnection();
      try (Statement s = r.createStatement()) {
        s.execute("PRAGMA query_only=true");
      }
      return new SqliteNodeStore(c, r, source.getConnection(), file.getFileName().toString(),
          clock);
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private static SQLiteDataSource dataSource(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(5000);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return source;
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

  /**
   * Group commit: the write runs at once, alone on the connection, inside a savepoint of the
   * transaction that is open; then it waits until that transaction commits. Writers that arrive
   * while a commit's fsync runs join the next transaction, and the first of them to reach the
   * commit commits it for all. So concurrent writers share one fsync (as the log's sequencer
   * shares one among concurrent appends, {@code SequencedLogWriter}) and each still returns
   * only once its write is durable. A write that fails is rolled back to its savepoint alone.
   */
  @Override
  <T> T writeAlone(String what, Sql.Work<T> body) throws StoreException {
    long mine;
    T t;
    synchronized (this) {
      try {
        t = inSavepoint(what, () -> body.run(db));
      } catch (StoreException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new StoreException(what + ": " + e.getMessage(), e);
      }
      mine = open;
    }
    commits.await(mine, what);
    return t;
  }

  /**
   * Holds the one writing connection throughout its work: other writers wait until it ends. It
   * commits with the writes around it (group commit), or rolls back its own work alone.
   */
  @Override
  public <T> T atomically(Work<T> work) throws Exception {
    if (inTransaction()) {
      return work.run();
    }
    long mine;
    T t;
    synchronized (this) {
      t = inSavepoint("atomic work", () -> enclosedOn(db, work));
      mine = open;
    }
    commits.await(mine, "atomic work");
    return t;
  }

  /** A unit of work that may throw anything; rolled back to its savepoint if it does. */
  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }

  /** Runs {@code step} in a savepoint of the open transaction; caller holds this lock. */
  private <T> T inSavepoint(String what, Step<T> step) throws Exception {
    Savepoint sp;
    try {
      sp = db.setSavepoint();
    } catch (SQLException e) {
      throw failed(what, e);
    }
    try {
      T t = step.run();
      db.releaseSavepoint(sp);
      return t;
    } catch (SQLException e) {
      undo(sp);
      throw failed(what, e);
    } catch (Exception | Error e) {
      undo(sp);
      throw e;
    }
  }

  private void undo(Savepoint sp) {
    try {
      db.rollback(sp);
      db.releaseSavepoint(sp);
    } catch (SQLException ignored) {
      // the write's own error is the one to report; the commit reports a broken connection
    }
  }

  /** Closes the open transaction: commits it. Called by the commit leader, under this lock. */
  private synchronized void commitOpen(long batch) throws SQLException {
    if (open != batch) {
      return; // already committed by atomically's caller or a later leader
    }
    open++;
    try {
      db.commit();
      committed++; // under this lock: the only writer of the count
    } catch (SQLException e) {
      rollbackQuietly();
      throw e;
    }
  }

  private void rollbackQuietly() {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // the commit's own error is reported to every writer of the batch
    }
  }

  /** A read on the reader connection, each statement in its own snapshot (autocommit). */
  @Override
  <T> T readAlone(String what, Sql.Work<T> body) throws StoreException {
    synchronized (reader) {
      try {
        return body.run(reader);
      } catch (SQLException e) {
        throw failed(what, e);
      }
    }
  }

  /** One checkpoint of the write-ahead log now, as the checkpointer's thread does (tests). */
  WalCheckpointer.Result checkpointNow() throws SQLException {
    return checkpointer.checkpoint();
  }

  @Override
  public List<String> checkIntegrity() throws StoreException {
    return read("check the database", c -> Sql.list(c, "PRAGMA integrity_check(100)",
        rs -> rs.getString(1)).stream().filter(p -> !"ok".equals(p))
        .map(p -> "SQLite integrity check: " + p).toList());
  }

  @Override
  public synchronized void close() throws StoreException {
    try {
      checkpointer.close();
      synchronized (reader) {
        reader.close();
      }
      db.close();
    } catch (SQLException e) {
      throw new StoreException("close: " + e.getMessage(), e);
    }
  }
}
