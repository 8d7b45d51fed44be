package dev.verity.node.cli.bench;

import dev.verity.node.config.ConfigException;
import dev.verity.node.config.SecretRef;
import dev.verity.node.store.PostgresBinaries;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PostgreSQL a {@code --storage postgresql} bench runs on: a server the operator names
 * ({@code --jdbc-url}, a role allowed to create databases), or a temporary cluster of its own made
 * the way the tests make theirs ({@code initdb} and {@code pg_ctl} of Debian's {@code postgresql}
 * package, or {@code $VERITY_PG_BIN}, in a temporary directory, on 127.0.0.1 at a free port, as
 * the {@code postgres} user when run as root since {@code initdb} refuses root). Each node gets a
 * database of its own ({@link #newDatabase}); {@link #close} drops them, or stops and deletes the
 * temporary cluster. TCP connections authenticate with a password (SCRAM), as a production node.
 */
final class BenchPostgres implements AutoCloseable {
  private static final Pattern URL =
      Pattern.compile("jdbc:postgresql://([^/?]+)/([^?]*)(\\?.*)?");

  private final String serverUrl;
  private final SecretRef password;
  private final Path cluster;
  private final Path bin;
  private final List<String> databases = new ArrayList<>();

  private BenchPostgres(String serverUrl, SecretRef password, Path cluster, Path bin) {
    this.serverUrl = serverUrl;
    this.password = password;
    this.cluster = cluster;
    this.bin = bin;
  }

  /** One node's database: its URL and the {@code --jdbc-password} option that names the secret. */
  record Database(String url, String passwordOption) {}

  /** On the server at {@code jdbcUrl}, whose role's password {@code passwordRef} names. */
  static BenchPostgres server(String jdbcUrl, String passwordRef) {
    if (!URL.matcher(jdbcUrl).matches()) {
      throw new IllegalArgumentException("--jdbc-url: expected"
          + " jdbc:postgresql://HOST:PORT/DATABASE?user=ROLE, not '" + jdbcUrl + "'");
    }
    if (passwordRef == null) {
      throw new IllegalArgumentException("--jdbc-url needs --jdbc-password env:VAR|file:PATH");
    }
    return new BenchPostgres(jdbcUrl, SecretRef.parse("--jdbc-password", passwordRef), null, null);
  }

  /** A temporary cluster of its own, started now. */
  static BenchPostgres temporary() throws IOException, InterruptedException {
    Path bin = PostgresBinaries.server().orElseThrow(() -> new IllegalStateException(
        "--storage postgresql: no PostgreSQL server binaries (initdb, pg_ctl) in"
        + " /usr/lib/postgresql/*/bin or $VERITY_PG_BIN: install Debian's postgresql package,"
        + " or give --jdbc-url"));
    Path dir = Files.createTempDirectory("verity-bench-pg-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path pw = dir.resolve("password");
    Files.writeString(pw, "bench-" + Long.toHexString(System.nanoTime()) + "\n");
    BenchPostgres pg = null;
    try {
      if (root()) {
        exec(dir, List.of("chown", "-R", "postgres:postgres", dir.toString()));
      }
      exec(dir, List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
          "-U", "verity", "--pwfile=" + pw, "--auth-local=trust", "--auth-host=scram-sha-256",
          "-E", "UTF8", "--locale=C", "--no-sync"));
      int port = freePort();
      exec(dir, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
          "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o", "-p " + port
              + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=300", "start"));
      pg = new BenchPostgres("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=verity",
          new SecretRef(null, pw), dir, bin);
      return pg;
    } finally {
      if (pg == null) {
        delete(dir);
      }
    }
  }

  /** Where the server is, for the bench's header (no password in it). */
  String describe() {
    return (cluster != null ? "a temporary cluster (" + bin.getParent().getFileName() + ") at "
        : "") + serverUrl;
  }

  /** A new empty database {@code verity_bench_<name>_<n>}, dropped at {@link #close}. */
  Database newDatabase(String name) throws SQLException, ConfigException {
    String db = "verity_bench_" + name.toLowerCase() + "_" + Long.toHexString(System.nanoTime());
    try (Connection c = connect(serverUrl); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    databases.add(db);
    Matcher m = URL.matcher(serverUrl);
    m.matches();
    String url = "jdbc:postgresql://" + m.group(1) + "/" + db
        + (m.group(3) == null ? "" : m.group(3));
    return new Database(url, password.toString());
  }

  private Connection connect(String url) throws SQLException, ConfigException {
    Properties p = new Properties();
    p.setProperty("password", password.resolve(System::getenv).value());
    return DriverManager.getConnection(url, p);
  }

  @Override
  public void close() {
    if (cluster != null) {
      try {
        exec(cluster, List.of(bin.resolve("pg_ctl").toString(), "-D",
            cluster.resolve("data").toString(), "-m", "fast", "-w", "stop"));
      } catch (IOException | InterruptedException e) {
        // the directory goes anyway; a server left running has lost its files
      }
      delete(cluster);
      return;
    }
    try (Connection c = connect(serverUrl); Statement s = c.createStatement()) {
      for (String db : databases) {
        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    } catch (SQLException | ConfigException e) {
      // the bench's figures are printed; the databases are named verity_bench_* for cleaning
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Runs {@code command} (as postgres when root); its output in the exception on failure. */
  private static void exec(Path dir, List<String> command)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (root() && !command.get(0).equals("chown")) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", full) + " failed:\n" + out);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: the system cleans it in the end
    }
  }
}
