package dev.verity.node.backup;

import dev.verity.node.backup.BackupException.Reason;
import dev.verity.node.config.ConfigException;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.SecretRef;
import dev.verity.node.store.PostgresBinaries;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL part of a node's backup: {@code pg_dump} of the node's schemas (the home
 * agreement's, the database's current schema, and {@code agreement_<id>} of each other one) in
 * its custom format, and {@code pg_restore} of it into an empty database. pg_dump reads every
 * schema in one repeatable-read snapshot (PostgreSQL documentation, "pg_dump": "consistent even
 * if the database is being used concurrently"), so the dump is one instant of the whole store.
 * pg_dump refuses a server of a newer major version; this says so first, in the operator's words,
 * naming both versions. The tools are found in {@code $VERITY_PG_BIN}, else on the {@code PATH}.
 * The password the node's {@code jdbcPassword} names goes to them in {@code PGPASSWORD}, never on
 * a command line.
 */
final class PgDump {
  private static final Pattern URL =
      Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]+)(?:\\?(.*))?");
  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

  private final String url;
  private final SecretRef password;
  private final Matcher parts;

  private PgDump(String url, SecretRef password) throws BackupException {
    this.url = url;
    this.password = password;
    this.parts = URL.matcher(url);
    if (!parts.matches()) {
      throw new BackupException(Reason.REFUSED, "jdbcUrl " + url
          + ": expected jdbc:postgresql://HOST[:PORT]/DATABASE?user=ROLE");
    }
  }

  /** The database of the node configured by {@code config}. */
  static PgDump of(NodeConfig config) throws BackupException {
    return new PgDump(config.jdbcUrl(), config.jdbcPassword());
  }

  /** The database at {@code url}, whose role's password {@code password} names (or null). */
  static PgDump of(String url, SecretRef password) throws BackupException {
    return new PgDump(url, password);
  }

  /** The node's schemas: the current one (the home agreement's), then each other agreement's. */
  List<String> schemas(NodeConfig config) throws BackupException {
    List<String> out = new ArrayList<>();
    out.add(query("SELECT current_schema()"));
    config.agreements().stream().filter(a -> !a.equals(config.agreement()))
        .map(NodeConfig::schemaOf).forEach(out::add);
    return out;
  }

  /** What runs between the dump's snapshot and pg_dump itself (the logs' checkpoints' copy). */
  @FunctionalInterface
  interface Step {
    void run() throws IOException;
  }

  /**
   * What the dump's snapshot holds of the home log: the own entries its store indexes, and the
   * size of the log's signed checkpoint in the database (null for a log still in files, not yet
   * moved into the database by the node's next start: {@code LogAdoption}).
   */
  record Dumped(long own, Long logged) {}

  /**
   * Writes the dump of {@code schemas} to {@code to}, after checking pg_dump's version, and
   * returns how many of {@code party}'s own entries the dumped store holds, and its log's size.
   * The snapshot is taken first and exported to pg_dump ({@code --snapshot}), so that
   * {@code meanwhile} can copy the logs' checkpoints at the instant of the dump rather than after
   * pg_dump's seconds: the logs then hold at most the entries appended in between, which the
   * caller finds by this count.
   */
  Dumped dump(List<String> schemas, Path to, String party, Step meanwhile)
      throws BackupException, IOException {
    String tool = tool("pg_dump", System.getenv());
    requireVersion(tool, Integer.parseInt(query("SHOW server_version_num")) / 10000);
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      String snapshot = first(c, "SELECT pg_export_snapshot()", null);
      long own = Long.parseLong(first(c, "SELECT count(*) FROM messages WHERE party = ?", party));
      Long logged = logged(c);
      meanwhile.run();
      List<String> cmd = new ArrayList<>(List.of(tool, "--format=custom", "--no-owner",
          "--no-privileges", "--snapshot=" + snapshot, "--file=" + to));
      schemas.forEach(s -> cmd.add("--schema=" + s));
      run(cmd);
      c.commit();
      return new Dumped(own, logged);
    } catch (SQLException e) {
      throw new BackupException(Reason.REFUSED, "the PostgreSQL database at "
          + url + ": " + e.getMessage());
    }
  }

  /** The home log's size in the snapshot, from its checkpoint row; null if it has none. */
  private static Long logged(Connection c) throws SQLException {
    // asked first, not tried: an error would end the transaction that holds the snapshot
    if (!first(c, "SELECT to_regclass('log_checkpoint') IS NOT NULL", null).equals("t")) {
      return null;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT body FROM log_checkpoint");
        ResultSet r = s.executeQuery()) {
      // C2SP tlog-checkpoint: the origin, then the tree size in decimal, then the root hash
      return r.next() ? Long.parseLong(
          new String(r.getBytes(1), StandardCharsets.UTF_8).split("\n")[1].strip()) : null;
    }
  }

  private static String first(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (arg != null) {
        s.setString(1, arg);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }

  /** Refuses a database that holds any table: a restore goes into an empty one only. */
  void requireEmpty() throws BackupException {
    String tables = query("SELECT count(*) FROM pg_tables"
        + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
    if (!tables.equals("0")) {
      throw new BackupException(Reason.REFUSED, "--jdbc-url " + url
          + ": the database holds " + tables + " tables; restore into an empty database");
    }
  }

  /** Restores {@code dump} into this database, found empty by {@link #requireEmpty}. */
  void restore(Path dump) throws BackupException, IOException {
    // the target's own current schema exists already (public, made with every database):
    // restoring its CREATE SCHEMA would fail, so the list of what to restore leaves it out
    String current = query("SELECT current_schema()");
    Path list = Files.createTempFile(dump.getParent(), "restore-", ".list");
    try {
      Files.write(list, listing(dump).lines().filter(l -> !l.contains(" SCHEMA - " + current
          + " ") && !l.contains(" COMMENT - SCHEMA " + current + " ")).toList());
      run(List.of(tool("pg_restore", System.getenv()), "--no-owner", "--no-privileges",
          "--exit-on-error", "--single-transaction", "--use-list=" + list, dump.toString()));
    } finally {
      Files.deleteIfExists(list);
    }
  }

  /** pg_restore's table of contents of {@code dump}, one entry a line. */
  private static String listing(Path dump) throws BackupException, IOException {
    Process p = new ProcessBuilder(tool("pg_restore", System.getenv()), "--list", dump.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new BackupException(Reason.DAMAGED,
            "pg_restore --list: the dump does not read: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return out;
  }

  /** Removes what a failed restore put in: the schemas, the current one emptied. */
  void drop(List<String> schemas) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
      }
      s.execute("CREATE SCHEMA IF NOT EXISTS \"" + schemas.get(0) + "\"");
    } catch (SQLException | BackupException e) {
      // what could not be dropped is named by the next restore's refusal of a non-empty database
    }
  }

  private String query(String sql) throws BackupException {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    } catch (SQLException e) {
      throw new BackupException(Reason.REFUSED, "the PostgreSQL database at "
          + url + ": " + e.getMessage());
    }
  }

  private Connection connect() throws SQLException, BackupException {
    Properties p = new Properties();
    secret().ifPresent(s -> p.setProperty("password", s));
    return DriverManager.getConnection(url, p);
  }

  private Optional<String> secret() throws BackupException {
    try {
      return password == null ? Optional.empty()
          : Optional.of(password.resolve(System::getenv).value());
    } catch (ConfigException e) {
      throw new BackupException(Reason.REFUSED,
          "jdbcPassword: " + e.getMessage());
    }
  }

  /** Runs a PostgreSQL tool against this database; its own words in the exception if it fails. */
  private void run(List<String> command) throws BackupException, IOException {
    List<String> cmd = new ArrayList<>(command);
    cmd.addAll(1, List.of("--host=" + parts.group(1), "--port="
        + (parts.group(2) == null ? "5432" : parts.group(2)), "--dbname=" + parts.group(3)));
    param("user").ifPresent(u -> cmd.add(1, "--username=" + u));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    secret().ifPresent(s -> env.put("PGPASSWORD", s));
    param("sslmode").ifPresent(m -> env.put("PGSSLMODE", m));
    String out = output(pb);
    if (!out.isEmpty()) {
      throw new BackupException(Reason.REFUSED,
          Path.of(cmd.get(0)).getFileName() + " failed: " + out.strip());
    }
  }

  private Optional<String> param(String name) {
    String query = parts.group(4);
    if (query == null) {
      return Optional.empty();
    }
    for (String kv : query.split("&")) {
      if (kv.startsWith(name + "=")) {
        return Optional.of(kv.substring(name.length() + 1));
      }
    }
    return Optional.empty();
  }

  /** The process's output if it failed, else "" (the tools say nothing on success). */
  private static String output(ProcessBuilder pb) throws IOException {
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(1, TimeUnit.HOURS)) {
        p.destroyForcibly();
        return "did not finish within an hour";
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    return p.exitValue() == 0 ? "" : out.isBlank() ? "exit code " + p.exitValue() : out;
  }

  /** The tool's path: in $VERITY_PG_BIN, else the first on the PATH; refused if missing. */
  static String tool(String name, Map<String, String> env) throws BackupException {
    String bin = env.get(PostgresBinaries.ENV);
    List<String> dirs = new ArrayList<>();
    if (bin != null) {
      dirs.add(bin);
    }
    dirs.addAll(List.of(env.getOrDefault("PATH", "").split(File.pathSeparator)));
    for (String d : dirs) {
      Path p = Path.of(d.isEmpty() ? "." : d, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new BackupException(Reason.REFUSED, name + " not found (in"
        + " $VERITY_PG_BIN or on the PATH): a node in PostgreSQL is backed up with PostgreSQL's"
        + " own tools; install Debian's postgresql-client package, of the server's version or"
        + " newer");
  }

  /** Refuses a pg_dump older than the server: it cannot dump a newer server's catalog. */
  static void requireVersion(String tool, int server) throws BackupException, IOException {
    int client = major(tool);
    if (client < server) {
      throw new BackupException(Reason.REFUSED, tool + " is version " + client
          + ", older than the server's " + server + ": pg_dump cannot dump a newer server;"
          + " install postgresql-client-" + server + " (or set $VERITY_PG_BIN to its bin/)");
    }
  }

  private static int major(String tool) throws BackupException, IOException {
    ProcessBuilder pb = new ProcessBuilder(tool, "--version").redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Matcher m = VERSION.matcher(out);
    if (!m.find()) {
      throw new BackupException(Reason.REFUSED,
          tool + " --version: expected 'pg_dump (PostgreSQL) N...', got: " + out.strip());
    }
    return Integer.parseInt(m.group(1));
  }
}
