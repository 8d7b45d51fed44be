package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.cli.VerityCommand;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.runtime.Node;
import dev.verity.node.runtime.NodeException;
import dev.verity.node.store.Records.Alarm;
import dev.verity.node.store.SqliteNodeStore;
import dev.verity.node.submit.SubmitRequest;
import dev.verity.node.verify.StorageProblem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One byte changed in RU's storage while it is stopped (node.db, an interior hash tile, a full
 * entry bundle), or while it runs: each is found at start or before anything is served, named by
 * its file and entry; no wrong figure and no proof that fails ever leaves the node; the peer raises
 * nothing against RU; {@code verity node check} names each problem and {@code verity node repair}
 * restores the node from the copy that verifies.
 */
@Timeout(300)
class StorageCorruptionTest {
  /** Enough entries for a full bundle and a full level-0 tile (256), so both are interior. */
  static final int EXERCISES = 300;

  @TempDir Path root;

  /**
   * US and RU pinned to each other; RU has its declaration and EXERCISES notifications, all
   * cosigned.
   */
  private Member[] twoNodes() throws Exception {
    Cluster c = new Cluster(root);
    Member us = c.init("new-start", "US");
    Member ru = c.init("new-start", "RU");
    c.pinAll();
    try (Node u = Node.start(us.dir);
        Node r = Node.start(ru.dir)) {
      var decl = DemoScenario.submissions("RU", 0, 1).get(0);
      r.submitter().submit(new SubmitRequest(decl.clientId(), decl.type(), decl.message()), "test");
      for (int i = 0; i < EXERCISES; i++) {
        r.submitter()
            .submit(
                new SubmitRequest(
                    "ex-" + i,
                    "bomber-exercise",
                    Cluster.JSON.readTree(Cluster.exercise("x", i)).path("message")),
                "test");
      }
      long size = r.verifiedLog().head().tree().head().size();
      await(
          "RU's log cosigned by US",
          Duration.ofSeconds(60),
          () ->
              r.store().position("US").cosignedSize() == size
                  && u.mirrors().get("RU").size() == size);
    }
    return new Member[] {us, ru};
  }

  /** Runs {@code verity node ARGS...}; returns the exit code and what it printed. */
  private static String[] node(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cl = VerityCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(out));
    String[] all = new String[args.length + 1];
    all[0] = "node";
    System.arraycopy(args, 0, all, 1, args.length);
    int rc = cl.execute(all);
    return new String[] {Integer.toString(rc), out.toString()};
  }

  private static void flipByte(Path file, int at) throws Exception {
    byte[] b = Files.readAllBytes(file);
    b[at] ^= 0x01;
    Files.write(file, b);
  }

  @Test
  void aDeclarationChangedInNodeDbStopsTheNodeAndIsRepairedFromItsLog() throws Exception {
    Member[] m = twoNodes();
    Member ru = m[1];
    long changed = changeWarheads(ru.dir.resolve("node.db"));
    assertThatThrownBy(() -> Node.start(ru.dir))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("node.db: entry RU/" + changed)
        .hasMessageContaining("verity node repair")
        // issue 17: the refusal names the check to run and the recovery from the peers' mirrors
        .hasMessageContaining("`verity node check --dir " + ru.dir + "` lists every problem")
        .hasMessageContaining("every peer's mirror holds it")
        .hasMessageContaining("`verity node export --dir PEER-DIR --party PARTY --out FILE`")
        .hasMessageContaining("`verity node repair --dir " + ru.dir + " --entries FILE`");
    String[] check = node("check", "--dir", ru.dir.toString());
    assertThat(check[0]).isEqualTo("3");
    assertThat(check[1]).contains("problem: node.db: entry RU/" + changed);
    String[] repair = node("repair", "--dir", ru.dir.toString());
    assertThat(repair[0]).as(repair[1]).isEqualTo("0");
    assertThat(repair[1]).contains("node.db: 1 entries of RU rewritten from the log");
    try (Node u = Node.start(m[0].dir);
        Node r = Node.start(ru.dir)) {
      assertThat(r.projections().inventory(null).get("RU").aggregates())
          .isEqualTo(u.projections().inventory(null).get("RU").aggregates());
    }
  }

  /**
   * Changes one digit of a warheads count in RU's first stored entry that has one; returns its
   * index.
   */
  private static long changeWarheads(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (PreparedStatement p =
              c.prepareStatement("SELECT idx, entry FROM messages WHERE party='RU' ORDER BY idx");
          ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          byte[] e = rs.getBytes(2);
          int at = new String(e, StandardCharsets.ISO_8859_1).indexOf("\"warheads\":");
          if (at >= 0) {
            int digit = at + "\"warheads\":".length();
            e[digit] = (byte) (e[digit] == '9' ? '1' : e[digit] + 1);
            try (PreparedStatement u =
                c.prepareStatement("UPDATE messages SET entry=? WHERE party='RU' AND idx=?")) {
              u.setBytes(1, e);
              u.setLong(2, rs.getLong(1));
              u.executeUpdate();
            }
            return rs.getLong(1);
          }
        }
      }
    }
    throw new AssertionError("no entry with warheads");
  }

  @Test
  void aFlippedByteInAnInteriorHashTileIsNeverServedAsAProof() throws Exception {
    Member[] m = twoNodes();
    Member ru = m[1];
    Path tile = ru.dir.resolve("log/tile/0/000"); // full: 300 entries
    try (Node r = Node.start(ru.dir)) {
      flipByte(tile, 5 * 32 + 7); // the leaf hash of entry 5, while RU runs
      // entry 4's proof has entry 5's leaf hash in it, so has entry 100's (inside a node over
      // 0..63)
      for (int i : new int[] {4, 100}) {
        HttpResponse<String> proof = Cluster.get(ru, "/api/v1/messages/RU/" + i, ru.viewer);
        assertThat(proof.statusCode()).as("no proof that fails, ever").isEqualTo(500);
        assertThat(proof.body()).contains("storage corrupt");
      }
      for (int i :
          new int[] {5, 290}) { // paths that do not go through the damaged hash: served, and verify
        Cluster.verifyProof(Cluster.getJson(ru, "/api/v1/messages/RU/" + i));
      }
      JsonNode list = Cluster.getJson(ru, "/api/v1/messages?direction=out&limit=1000");
      for (JsonNode e : list.path("messages")) {
        long i = e.path("index").asLong();
        assertThat(e.path("storageCorrupt").asBoolean())
            .as("entry %d", i)
            .isEqualTo(i < 256 && i != 5);
        assertThat(e.path("entry").isNull()).isEqualTo(i < 256 && i != 5);
      }
      // the background check finds it too, by its file
      assertThat(r.checkStorage()).extracting(StorageProblem::file).contains("log/tile/0/000");
      assertThat(r.store().alarms()).extracting(Alarm::kind).contains("storage-corrupt");
      assertThat(r.store().alarms()).extracting(Alarm::source).containsOnly("storage");
    }
    assertThatThrownBy(() -> Node.start(ru.dir))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("log/tile/0/000");
    String[] check = node("check", "--dir", ru.dir.toString());
    assertThat(check[0]).isEqualTo("3");
    assertThat(check[1]).contains("problem: log/tile/0/000");
    assertThat(node("repair", "--dir", ru.dir.toString())[1])
        .contains("log/: rebuilt from node.db");
    assertThat(node("check", "--dir", ru.dir.toString())[0]).isEqualTo("0");
    try (Node r = Node.start(ru.dir)) {
      Cluster.verifyProof(Cluster.getJson(ru, "/api/v1/messages/RU/5"));
    }
  }


  @Test
  void aFlippedByteInAFullEntryBundleIsNeverSentToThePeer() throws Exception {
    Member[] m = twoNodes();
    Member us = m[0];
    Member ru = m[1];
    // US forgets RU's log, as after a repair of its mirror: RU's whole log must reach it again
    try (SqliteNodeStore s = SqliteNodeStore.open(us.dir.resolve("node.db"))) {
      s.resetMirror("RU", "test");
    }
    Path bundle = ru.dir.resolve("log/tile/entries/000");
    byte[] b = Files.readAllBytes(bundle);
    int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("bomber-exercise");
    b[at] = 'B';
    Files.write(bundle, b);
    assertThatThrownBy(() -> Node.start(ru.dir))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("log/tile/entries/000");
    String[] check = node("check", "--dir", ru.dir.toString());
    assertThat(check[1]).contains("problem: log/tile/entries/000");
    // the same damage found at run time: RU was running when it happened
    assertThat(node("repair", "--dir", ru.dir.toString())[0]).isEqualTo("0");
    try (Node r = Node.start(ru.dir)) {
      Files.write(bundle, b);
      try (Node u = Node.start(us.dir)) {
        // a new entry is pushed; US, missing everything before it, fetches bundle 000 from RU
        r.submitter()
            .submit(
                new SubmitRequest(
                    "after",
                    "bomber-exercise",
                    Cluster.JSON.readTree(Cluster.exercise("x", 999)).path("message")),
                "test");
        await(
            "RU's storage-corrupt alarm",
            Duration.ofSeconds(30),
            () ->
                r.store().alarms().stream()
                    .anyMatch(
                        a ->
                            a.kind().equals("storage-corrupt")
                                && a.detail().contains("log/tile/entries/000")));
        Thread.sleep(1000); // a push retried meanwhile would have reached US by now
        assertThat(u.store().alarms()).as("US raises nothing against an honest RU").isEmpty();
        assertThat(u.store().position("RU").mirroredSize())
            .as("nothing unverified mirrored")
            .isZero();
      }
    }
    assertThat(node("repair", "--dir", ru.dir.toString())[0]).isEqualTo("0");
    try (Node u = Node.start(us.dir);
        Node r = Node.start(ru.dir)) {
      long size = r.verifiedLog().head().tree().head().size();
      await(
          "RU's log mirrored by US again",
          Duration.ofSeconds(60),
          () -> u.mirrors().get("RU").size() == size);
      assertThat(u.store().alarms()).isEmpty();
    }
  }
}
