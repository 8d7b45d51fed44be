package dev.verity.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.cli.VerityCommand;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.cli.demo.DemoScenario.Submission;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.store.PostgresServer;
import dev.verity.node.store.PostgresServer.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Backup and restore (issue 17), with real node processes: a backup taken while the node appends
 * restores into a node that verifies; a backup of the quiet node restores into a node with the
 * same log root and the same API answers as the original, tokens and peers included. A wrong
 * passphrase and a changed byte are refused by name, and leave nothing behind. A node in
 * PostgreSQL is backed up by pg_dump into the same archive and restored by pg_restore into an
 * empty database, with the same log root and API answers.
 */
@Timeout(240)
@ExtendWith(PostgresServer.class)
class BackupRestoreTest {
  private static final String OBLIGATIONS = "/api/v1/obligations?asOf=2026-02-01";

  @TempDir Path root;

  @Test
  void aRestoredBackupIsTheSameNode() throws Exception {
    Path pass = root.resolve("passphrase");
    Files.writeString(pass, "correct horse battery staple\n");
    try (Cluster cluster = new Cluster(root.resolve("nodes"))) {
      Member us = cluster.init("new-start", "US");
      Member ru = cluster.init("new-start", "RU");
      cluster.pinAll();
      cluster.startAll();
      List<Submission> all = DemoScenario.submissions("US", 12, 1);
      for (Submission s : all.subList(0, 4)) {
        TwoNodeEndToEndTest.submit(us, s);
      }
      // online: the node appends while the backup copies
      Path during = backupWhileAppending(us, all.subList(4, all.size()));
      assertThat(run("node", "check", "--dir", restore(during, "restored-online", null)))
          .isZero();

      Cluster.await("cosigned", Duration.ofSeconds(60), () -> Cluster.allCosigned(us));
      Path quiet = root.resolve("quiet.zip");
      Cluster.cli("node", "backup", "--dir", us.dir.toString(), "--out", quiet.toString(),
          "--passphrase-file", pass.toString());
      try (ZipFile zip = new ZipFile(quiet.toFile())) {
        ZipEntry key = zip.getEntry("keys/log.key");
        assertThat(new String(zip.getInputStream(key).readAllBytes(), "ISO-8859-1"))
            .doesNotContain(Files.readString(us.dir.resolve("keys/log.key")).trim());
      }
      JsonNode log = Cluster.getJson(us, "/api/v1/log");
      String messages = Cluster.get(us, "/api/v1/messages?limit=1000", us.viewer).body();
      String owed = Cluster.get(us, OBLIGATIONS, us.viewer).body();
      cluster.stop(us);

      Path again = Path.of(restore(quiet, "restored", pass));
      sameNodeAfterRestore(cluster, us, again, log, messages, owed);
      refusals(quiet, pass);
    }
  }

  @Test
  void aRestoredPostgresqlNodeIsTheSameNode() throws Exception {
    Database original = PostgresServer.newDatabase();
    Path pass = root.resolve("passphrase");
    Files.writeString(pass, "correct horse battery staple\n");
    try (Cluster cluster = new Cluster(root.resolve("nodes"))) {
      Member us = cluster.init("new-start", "US", "--storage", "postgresql", "--jdbc-url",
          original.url(), "--jdbc-password", "file:" + original.passwordFile());
      Member ru = cluster.init("new-start", "RU");
      cluster.pinAll();
      cluster.startAll();
      List<Submission> all = DemoScenario.submissions("US", 12, 1);
      for (Submission s : all.subList(0, 4)) {
        TwoNodeEndToEndTest.submit(us, s);
      }
      Path during = backupWhileAppending(us, all.subList(4, all.size()));
      try (ZipFile zip = new ZipFile(during.toFile())) {
        assertThat(zip.getEntry("postgresql.dump")).isNotNull();
        assertThat(zip.getEntry("node.db")).isNull();
      }
      Database online = PostgresServer.newDatabase();
      assertThat(run("node", "check", "--dir", restorePg(during, "restored-online", null,
          online))).as(lastErr).isZero();

      Cluster.await("cosigned", Duration.ofSeconds(60), () -> Cluster.allCosigned(us));
      Path quiet = root.resolve("quiet.zip");
      Cluster.cli("node", "backup", "--dir", us.dir.toString(), "--out", quiet.toString(),
          "--passphrase-file", pass.toString());
      JsonNode log = Cluster.getJson(us, "/api/v1/log");
      String messages = Cluster.get(us, "/api/v1/messages?limit=1000", us.viewer).body();
      String owed = Cluster.get(us, OBLIGATIONS, us.viewer).body();
      cluster.stop(us);

      Database fresh = PostgresServer.newDatabase();
      Path again = Path.of(restorePg(quiet, "restored", pass, fresh));
      assertThat(Files.readString(again.resolve("node.yaml"))).contains(fresh.url())
          .doesNotContain(original.url());
      sameNodeAfterRestore(cluster, us, again, log, messages, owed);
      pgRefusals(quiet, pass, fresh);
    }
  }

  /**
   * The node restored in {@code dir}, started in place of {@code original}, has its log root and
   * API answers, and carries on: a new message gets RU's receipt.
   */
  private static void sameNodeAfterRestore(Cluster cluster, Member original, Path dir,
      JsonNode log, String messages, String owed) throws Exception {
    Member back = new Member("US", dir, original.apiPort, original.peerPort, original.operator,
        original.viewer);
    cluster.start(back);
    try {
      cluster.awaitUp(back);
      assertThat(Cluster.getJson(back, "/api/v1/log").path("checkpoint").asText())
          .isEqualTo(log.path("checkpoint").asText());
      assertThat(Cluster.get(back, "/api/v1/messages?limit=1000", back.viewer).body())
          .isEqualTo(messages);
      assertThat(Cluster.get(back, OBLIGATIONS, back.viewer).body()).isEqualTo(owed);
      assertThat(Cluster.post(back, "/api/v1/messages", Cluster.exercise("after-restore", 99),
          back.operator).statusCode()).isEqualTo(201);
      Cluster.await("cosigned after restore", Duration.ofSeconds(60),
          () -> Cluster.allCosigned(back));
    } finally {
      cluster.stop(back);
    }
  }

  /** A backup of {@code node} taken while it appends {@code more}: during.zip. */
  private Path backupWhileAppending(Member node, List<Submission> more)
      throws Exception {
    Path during = root.resolve("during.zip");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> appending = pool.submit(() -> {
        for (Submission s : more) {
          TwoNodeEndToEndTest.submit(node, s);
        }
        return null;
      });
      Cluster.cli("node", "backup", "--dir", node.dir.toString(), "--out", during.toString());
      appending.get();
    } finally {
      pool.shutdown();
    }
    return during;
  }

  /** Without a database, or into one that holds a node already: refused, nothing left. */
  private void pgRefusals(Path quiet, Path pass, Database used) throws Exception {
    Path target = root.resolve("refused-pg");
    assertThat(run("node", "restore", "--from", quiet.toString(), "--dir", target.toString(),
        "--passphrase-file", pass.toString())).isEqualTo(2);
    assertThat(lastErr).contains("give --jdbc-url of an empty database");
    assertThat(Files.list(target)).isEmpty();
    assertThat(run("node", "restore", "--from", quiet.toString(), "--dir", target.toString(),
        "--passphrase-file", pass.toString(), "--jdbc-url", used.url(), "--jdbc-password",
        "file:" + used.passwordFile())).isEqualTo(2);
    assertThat(lastErr).contains("restore into an empty database");
    assertThat(Files.list(target)).isEmpty();
    // the database that was not empty is left as it was: the restored node's entries are there
    try (Connection c = used.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM messages")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getLong(1)).isGreaterThan(12);
    }
  }

  private String restorePg(Path archive, String name, Path pass, Database db) {
    Path dir = root.resolve(name);
    List<String> args = new ArrayList<>(List.of("node", "restore", "--from",
        archive.toString(), "--dir", dir.toString(), "--jdbc-url", db.url(), "--jdbc-password",
        "file:" + db.passwordFile()));
    if (pass != null) {
      args.addAll(List.of("--passphrase-file", pass.toString()));
    }
    Cluster.cli(args.toArray(String[]::new));
    return dir.toString();
  }

  /** A wrong passphrase and a changed byte are refused, naming why, and leave nothing. */
  private void refusals(Path quiet, Path pass) throws Exception {
    Path wrong = root.resolve("wrong");
    Files.writeString(wrong, "not the passphrase at all");
    Path target = root.resolve("refused");
    assertThat(run("node", "restore", "--from", quiet.toString(), "--dir", target.toString(),
        "--passphrase-file", wrong.toString())).isEqualTo(3);
    assertThat(lastErr).contains("passphrase is wrong");
    assertThat(Files.list(target)).isEmpty();

    byte[] bytes = Files.readAllBytes(quiet);
    Path damaged = root.resolve("damaged.zip");
    bytes[40] ^= 1; // inside the first stored file's data
    Files.write(damaged, bytes);
    int rc = run("node", "restore", "--from", damaged.toString(), "--dir", target.toString(),
        "--passphrase-file", pass.toString());
    assertThat(rc).isEqualTo(3);
    assertThat(lastErr).containsAnyOf("does not match its SHA-256", "the archive is damaged");
    assertThat(Files.list(target)).isEmpty();
  }

  private String restore(Path archive, String name, Path pass) {
    Path dir = root.resolve(name);
    if (pass == null) {
      // a backup without keys: the restore checks with the public identity, keys come apart
      Cluster.cli("node", "restore", "--from", archive.toString(), "--dir", dir.toString());
    } else {
      Cluster.cli("node", "restore", "--from", archive.toString(), "--dir", dir.toString(),
          "--passphrase-file", pass.toString());
    }
    return dir.toString();
  }

  private String lastErr = "";

  private int run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = VerityCommand.newCommandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute(args);
    lastErr = err.toString();
    return rc;
  }
}
