package dev.verity.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.cli.bench.LoopbackPorts;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.submit.SubmitRequest;
import dev.verity.node.json.CanonicalJson;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.note.SignedNote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes made before several agreements start, migrate and keep every message and receipt. The
 * directories under {@code migration/v0} were written by the previous version (commit 24ca041,
 * {@code verity demo --headless --notifications=2}: a US and a Russian New START exercise node
 * that exchanged declarations and notifications and cosigned each other's logs).
 */
@Timeout(180)
class NodeMigrationTest {
  @TempDir Path root;

  @Test
  void nodesFromThePreviousVersionKeepEveryMessageReceiptAndRootAndWorkOn() throws Exception {
    Path us = copy("US");
    Path ru = copy("RU");
    Wiring w = new Wiring(free(), free(), free(), free());
    wire(us, w.usApi, w.usPeer, w.ruPeer);
    wire(ru, w.ruApi, w.ruPeer, w.usPeer);
    List<String> usRows = rows(us, "select party, idx, leaf_hash from messages");
    List<String> usReceipts = rows(us, "select log_party, witness, size, line from cosignatures");
    List<String> ruReceipts = rows(ru, "select log_party, witness, size, line from cosignatures");
    Checkpoint usHead = head(us);
    assertThat(usRows).hasSize(10);
    assertThat(usReceipts).isNotEmpty();
    // a start that died before its node.yaml was renamed left this behind: harmless
    Files.writeString(us.resolve("node.yaml.tmp"), "party: \"US\"\nagre");

    try (Node u = Node.start(us); Node r = Node.start(ru)) {
      assertThat(u.agreements()).containsExactly("new-start");
      assertThat(u.home().dir()).isEqualTo(us);
      Checkpoint now = Checkpoint.parse(SignedNote.parse(
          u.verifiedLog().head().checkpoint()).text());
      assertThat(now.size()).isEqualTo(usHead.size());
      assertThat(now.rootHash()).isEqualTo(usHead.rootHash());
      assertThat(u.store().messages(null, false, null, 1000)).hasSize(10);
      // the migrated pair keeps working: a new entry is mirrored and receipted
      var eventTime = u.clock().instant().minusSeconds(60);
      var msg = CanonicalJson.mapper().readTree("{\"eventTime\":\"" + eventTime + "\"}");
      long index = u.submitter().submit(
          new SubmitRequest("after-migration", "bomber-exercise", msg), "test").index();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (u.store().position("RU").cosignedSize() <= index && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(u.store().position("RU").cosignedSize()).isEqualTo(index + 1);
      assertThat(r.store().position("US").mirroredSize()).isEqualTo(index + 1);
    }
    assertThat(Files.readString(us.resolve("node.yaml"))).contains("agreements:");
    assertThat(NodeConfig.read(us).peers().get(0).agreements()).containsExactly("new-start");
    assertThat(rows(us, "select party, idx, leaf_hash from messages")).containsAll(usRows)
        .hasSize(usRows.size() + 1); // and the new entry
    assertThat(rows(us, "select log_party, witness, size, line from cosignatures"))
        .containsAll(usReceipts);
    assertThat(rows(ru, "select log_party, witness, size, line from cosignatures"))
        .containsAll(ruReceipts);
    // and a second start finds nothing more to migrate
    try (Node u = Node.start(us)) {
      assertThat(u.store().messages("US", false, null, 1000)).hasSize((int) usHead.size() + 1);
    }
  }

  record Wiring(int usApi, int usPeer, int ruApi, int ruPeer) {}

  private Path copy(String party) throws Exception {
    Path from = Path.of(getClass().getResource("/dev/verity/node/migration/v0/" + party).toURI());
    Path to = root.resolve(party);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return to;
  }

  /** The ports of this run, written into node.yaml as the old version wrote it (text). */
  private static void wire(Path dir, int api, int peer, int peerOfPeer) throws Exception {
    Path yaml = dir.resolve("node.yaml");
    String text = Files.readString(yaml)
        .replaceAll("(?m)^apiPort: \\d+", "apiPort: " + api)
        .replaceAll("(?m)^peerPort: \\d+", "peerPort: " + peer)
        .replaceAll("url: \"https://127.0.0.1:\\d+/\"",
            "url: \"https://127.0.0.1:" + peerOfPeer + "/\"");
    assertThat(text).doesNotContain("agreements:");
    Files.writeString(yaml, text);
  }

  private static Checkpoint head(Path dir) throws Exception {
    return Checkpoint.parse(SignedNote.parse(Files.readAllBytes(dir.resolve("log/checkpoint")))
        .text());
  }

  private static List<String> rows(Path dir, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("node.db"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(r.getString(i)).append('|');
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  private static int free() throws Exception {
    return LoopbackPorts.shared().next();
  }
}
