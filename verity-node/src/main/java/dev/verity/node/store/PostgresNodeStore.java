package dev.verity.node.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import dev.verity.node.store.Migrations.Database;
import dev.verity.node.store.StoreException.Reason;
import dev.verity.tlog.storage.LogStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@link NodeStore} in a PostgreSQL database, through pgjdbc and a HikariCP pool. Each write is
 * one transaction at READ COMMITTED, PostgreSQL's default: every decision in {@link SqlNodeStore}
 * rests on one conditional write to one row, which a concurrent transaction waits for and then
 * re-checks, so no stronger level (and no retry loop for serialization failures) is needed
 * (decisions.md, "The PostgreSQL store's transactions"). A commit returns once PostgreSQL has
 * flushed it to its write-ahead log ({@code synchronous_commit=on}, its default). Its schema is
 * migrated by Flyway ({@link Migrations}).
 */
final class PostgresNodeStore extends SqlNodeStore {
  /** A password given in the URL itself, which no message may repeat. */
  private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&]*");
  /** The schema of a node's non-home agreement (NodeConfig.forAgreement): made if missing. */
  private static final Pattern SCHEMA = Pattern.compile("[?&]currentSchema=([a-z0-9_]+)");

  /** Connections: the node's writers (submit, mirrors, publishers) and its API's readers. */
  private static final int POOL_SIZE = 8;

  private final HikariDataSource pool;
  private final String jdbcUrl;
  private final String password;

  private PostgresNodeStore(HikariDataSource pool, String jdbcUrl, String password, Clock clock) {
    super(clock);
    this.pool = pool;
    this.jdbcUrl = jdbcUrl;
    this.password = password;
  }

  /**
   * Opens the store in the database at {@code jdbcUrl} ({@code jdbc:postgresql://...}), with
   * {@code password} (null: none, or pgjdbc's {@code .pgpass}), migrating its schema; audit
   * rows and alarms are dated by {@code clock}.
   */
  static PostgresNodeStore open(String jdbcUrl, String password) throws StoreException {
    return open(jdbcUrl, password, Clock.systemUTC());
  }

  /** The same, dating audit rows and alarms by {@code clock} (the node's). */
  static PostgresNodeStore open(String jdbcUrl, String password, Clock clock)
      throws StoreException {
    String where = "the PostgreSQL database " + redacted(jdbcUrl);
    HikariDataSource pool = pool(jdbcUrl, password, where);
    try {
      createSchema(pool, jdbcUrl, where);
      Migrations.migrate(pool, Database.POSTGRESQL, where);
      return new PostgresNodeStore(pool, jdbcUrl, password, clock);
    } catch (StoreException e) {
      pool.close();
      throw e;
    }
  }

  /** Creates the schema the URL names, if any and missing (Flyway migrates into it). */
  private static void createSchema(HikariDataSource pool, String jdbcUrl, String where)
      throws StoreException {
    var m = SCHEMA.matcher(jdbcUrl);
    if (!m.find()) {
      return;
    }
    try (Connection c = pool.getConnection(); var st = c.createStatement()) {
      // the name is [a-z0-9_]+ (checked by the pattern): nothing to quote
      st.execute("CREATE SCHEMA IF NOT EXISTS " + m.group(1));
    } catch (SQLException e) {
      throw new StoreException("cannot create the schema " + m.group(1) + " in " + where + ": "
          + e.getMessage(), e);
    }
  }

  /** {@code url} with any password in it replaced by {@code ***}. */
  static String redacted(String url) {
    return PASSWORD.matcher(url).replaceAll("$1***");
  }

  private static HikariDataSource pool(String jdbcUrl, String password, String where)
      throws StoreException {
    HikariConfig config = new HikariConfig();
    config.setPoolName("verity-store");
    config.setJdbcUrl(jdbcUrl);
    config.setPassword(password);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setConnectionTimeout(10_000);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    try {
      return new HikariDataSource(config);
    } catch (PoolInitializationException e) {
      throw unopened(e.getCause() instanceof SQLException s ? s : null, e, where);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open " + where + ": " + e.getMessage(), e);
    }
  }

  /** Why the first connection failed, in the operator's words, by its SQLSTATE class. */
  private static StoreException unopened(SQLException e, Exception thrown, String where) {
    String state = e == null || e.getSQLState() == null ? "" : e.getSQLState();
    String detail = e == null ? thrown.getMessage() : e.getMessage();
    if (state.startsWith("08")) {
      return new StoreException(Reason.UNREACHABLE, "cannot reach " + where + ": " + detail
          + " (is the server running, and does it listen there?)", thrown);
    }
    if (state.startsWith("28")) {
      return new StoreException(Reason.AUTHENTICATION, "PostgreSQL refused the credentials for "
          + where + ": " + detail + " (check the user in jdbcUrl and jdbcPassword)", thrown);
    }
    if (state.equals("3D000")) {
      return new StoreException(Reason.UNREACHABLE, "no such database: " + where + " (create it:"
          + " docs/user/operate.md, \"PostgreSQL\")", thrown);
    }
    return new StoreException("cannot open " + where + ": " + detail, thrown);
  }

  @Override
  <T> T writeAlone(String what, Sql.Work<T> body) throws StoreException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      return transaction(c, what, body);
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  /** One pooled connection carries the whole; concurrent writers wait only on the rows it holds. */
  @Override
  public <T> T atomically(Work<T> work) throws Exception {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      return atomicallyOn(c, work);
    }
  }

  @Override
  <T> T readAlone(String what, Sql.Work<T> body) throws StoreException {
    try (Connection c = pool.getConnection()) {
      return body.run(c);
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  /**
   * The applied schema migrations against this version's (PostgreSQL checks its pages itself as
   * it reads them, where the cluster has data checksums).
   */
  @Override
  public List<String> checkIntegrity() throws StoreException {
    try {
      return Migrations.validate(pool, Database.POSTGRESQL);
    } catch (RuntimeException e) {
      throw new StoreException("check the database: " + e.getMessage(), e);
    }
  }

  /**
   * The log in this store's schema; its writer lock on a connection of its own, outside the pool
   * (which recycles connections), with TCP keep-alives so that a lost peer frees the lock.
   */
  @Override
  public LogStorage logStorage(Path dir) {
    return new PostgresLogStorage(pool, () -> {
      Properties p = new Properties();
      if (password != null) {
        p.setProperty("password", password);
      }
      p.setProperty("tcpKeepAlive", "true");
      p.setProperty("ApplicationName", "verity-log-writer");
      return DriverManager.getConnection(jdbcUrl, p);
    });
  }

  @Override
  public void close() {
    pool.close();
  }
}
