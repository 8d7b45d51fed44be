package dev.verity.node.store;

import dev.verity.node.cli.bench.LoopbackPorts;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the tests: one cluster per test JVM, made on first use with the
 * server binaries of Debian's {@code postgresql} package ({@code /usr/lib/postgresql/N/bin}, the
 * newest N, or {@code $VERITY_PG_BIN}) in a temporary directory, listening on 127.0.0.1 at a port
 * it picks, its socket in that directory ({@code -k}). {@code initdb} refuses to run as root: as
 * root the cluster belongs to, and runs as, the {@code postgres} user the package creates. Local
 * connections are trusted, TCP ones need the role's password (SCRAM), so the tests go through
 * the password path a production node takes. The server stops when the JUnit run ends (this
 * extension's resource in the root context), or when the JVM exits, whatever the tests did.
 * Without the binaries a test asking for a database is skipped, naming what is missing.
 */
public final class PostgresServer implements BeforeAllCallback {
  /** Where the server binaries are, if not in Debian's place. */
  public static final String BIN_ENV = PostgresBinaries.ENV;

  static final String ROLE = "verity";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static Cluster cluster;
  private static String missing;

  /** One database: its URL (no password in it), the password, and a file holding it. */
  public record Database(String url, String password, Path passwordFile) {
    /** A connection of the test's own (setup, inspection). */
    public Connection connect() throws SQLException {
      Properties p = new Properties();
      p.setProperty("password", password);
      return DriverManager.getConnection(url, p);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(
        PostgresServer.class, k -> (ExtensionContext.Store.CloseableResource) PostgresServer::stop);
  }

  /** A new empty database owned by the test role; the test is skipped if PostgreSQL is missing. */
  public static Database newDatabase() throws Exception {
    Cluster c = cluster();
    String name = "verity_test_" + DATABASES.incrementAndGet();
    try (Connection admin = c.database("postgres").connect();
        Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return c.database(name);
  }

  /** The port of a 127.0.0.1 address where no server listens, for unreachable-server tests. */
  public static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static synchronized Cluster cluster() throws Exception {
    if (cluster == null && missing == null) {
      missing = whatIsMissing().orElse(null);
      if (missing == null) {
        cluster = Cluster.start(PostgresBinaries.server().orElseThrow());
        Runtime.getRuntime().addShutdownHook(new Thread(PostgresServer::stop, "pg-stop"));
      }
    }
    Assumptions.assumeTrue(missing == null, () -> "PostgreSQL tests skipped: " + missing);
    return cluster;
  }

  private static synchronized void stop() {
    if (cluster != null) {
      cluster.stop();
      cluster = null;
      missing = "the test cluster was stopped";
    }
  }

  private static Optional<String> whatIsMissing() throws Exception {
    if (PostgresBinaries.server().isEmpty()) {
      return Optional.of("no PostgreSQL server binaries (initdb, pg_ctl) in "
          + "/usr/lib/postgresql/*/bin or $" + BIN_ENV + ": install Debian's postgresql package");
    }
    if (Cluster.root() && !Files.isExecutable(Path.of("/usr/sbin/runuser"))
        && !Files.isExecutable(Path.of("/sbin/runuser"))) {
      return Optional.of("running as root, and no runuser to start the server as postgres");
    }
    if (Cluster.root() && Cluster.run(List.of("id", "-u", "postgres")) != 0) {
      return Optional.of("running as root, and no postgres user to run the server as"
          + " (initdb refuses root; Debian's postgresql package creates that user)");
    }
    return Optional.empty();
  }

  /** A running cluster: its binaries, directory (data, socket, log) and port. */
  private record Cluster(Path bin, Path dir, int port, String password) {

    static Cluster start(Path bin) throws Exception {
      Path dir = Files.createTempDirectory("verity-pg-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      String password = "test-" + Long.toHexString(System.nanoTime());
      Files.writeString(dir.resolve("password"), password + "\n");
      if (root()) {
        chown(dir, "postgres");
      }
      exec(dir, List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
          "-U", ROLE, "--pwfile=" + dir.resolve("password"), "--auth-local=trust",
          "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
      IOException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = LoopbackPorts.shared().next(); // below the ephemeral range: not taken meanwhile
        try {
          exec(dir, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
              "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
              "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                  + " -c max_connections=300", "start"));
          return new Cluster(bin, dir, port, password);
        } catch (IOException e) {
          last = e; // the port was taken between the pick and the start: another
        }
      }
      throw last;
    }

    Database database(String name) {
      return new Database("jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + ROLE,
          password, dir.resolve("password"));
    }

    void stop() {
      try {
        exec(dir, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
            "-m", "fast", "-w", "stop"));
      } catch (Exception e) {
        // still delete what can be deleted
      }
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory: the system cleans it in the end
      }
    }

    static boolean root() {
      return "root".equals(System.getProperty("user.name"));
    }

    /** Runs {@code command} in {@code dir} (as postgres when root); its output on failure. */
    static void exec(Path dir, List<String> command) throws IOException, InterruptedException {
      List<String> full = new ArrayList<>();
      if (root()) {
        full.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      full.addAll(command);
      Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        String log = Files.exists(dir.resolve("server.log"))
            ? Files.readString(dir.resolve("server.log")) : "";
        throw new IOException(String.join(" ", full) + " failed:\n" + out + log);
      }
    }

    static int run(List<String> command) throws IOException, InterruptedException {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor();
    }

    private static void chown(Path dir, String user) throws IOException {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      GroupPrincipal group = users.lookupPrincipalByGroupName(user);
      PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
      view.setOwner(users.lookupPrincipalByName(user));
      view.setGroup(group);
      Path pw = dir.resolve("password");
      Files.getFileAttributeView(pw, PosixFileAttributeView.class)
          .setOwner(users.lookupPrincipalByName(user));
    }
  }
}
