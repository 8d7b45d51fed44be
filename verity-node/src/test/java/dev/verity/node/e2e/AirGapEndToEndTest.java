package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.bundle.Bundle;
import dev.verity.node.bundle.Bundles;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.testing.Cli;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.SignedNote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;


/**
 * Air gap, every time: US's entries reach RU online and by three bundles in turn (each from the
 * start of the log, so each overlaps what RU already has, and the last overlaps the online
 * delivery too), with RU's receipts carried back. A corrupted bundle and a bundle signed over an
 * altered entry, imported in the middle, leave nothing behind (the altered one an alarm). In the
 * end RU holds every US entry exactly once, US holds RU's receipt for all of them, and both logs
 * audit clean.
 */
class AirGapEndToEndTest {
  @TempDir Path root;
  int sent;

  @Test
  @Timeout(300)
  void threeBundlesOneOverlappingIntoANodeThatAlsoMirrorsOnline() throws Exception {
    try (Cluster c = new Cluster(root)) {
      Member us = c.init("new-start", "US");
      Member ru = c.init("new-start", "RU");
      try (TcpRelay toRu = new TcpRelay(Cluster.freePort(), ru.peerPort);
          TcpRelay toUs = new TcpRelay(Cluster.freePort(), us.peerPort)) {
        c.pin(us, ru, "https://127.0.0.1:" + toRu.port() + "/");
        c.pin(ru, us, "https://127.0.0.1:" + toUs.port() + "/");
        c.startAll();
        var d = DemoScenario.submissions("US", 0, 1).get(0);
        assertThat(post(us, "/api/v1/messages", d.body().toString(), us.operator).statusCode())
            .isEqualTo(201);
        submit(us, 3);
        awaitMirrored(us, ru); // online

        List<TcpRelay> links = List.of(toRu, toUs);
        links.forEach(TcpRelay::cut);
        submit(us, 3);
        Path a = export(us, "a.bundle");
        c.stop(ru);
        importAndCarryBack(us, ru, a);
        restart(c, us, ru);

        submit(us, 2);
        Path b = export(us, "b.bundle");
        c.stop(ru);
        refusedLeavesNothing(us, ru, b);
        importAndCarryBack(us, ru, b);
        restart(c, us, ru);

        for (TcpRelay r : links) {
          r.restore();
        }
        submit(us, 1);
        awaitMirrored(us, ru); // online again, after two bundles
        links.forEach(TcpRelay::cut);
        submit(us, 2);
        Path cBundle = export(us, "c.bundle");
        c.stop(ru);
        importAndCarryBack(us, ru, cBundle);
        // an older bundle again: everything in it is held already
        Cli.Result old =
            Cli.run("bundle", "import", "--dir", ru.dir.toString(), "--in", a.toString());
        assertThat(old.exit()).as(old.err()).isZero();
        assertThat(old.out()).contains("nothing new");
        restart(c, us, ru);
        everyEntryOnceAndCleanLogs(us, ru);
      }
    }
  }

  private void submit(Member m, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      sent++;
      assertThat(
              post(m, "/api/v1/messages", Cluster.exercise("ex-" + sent, sent), m.operator)
                  .statusCode())
          .isEqualTo(201);
    }
  }

  private static void awaitMirrored(Member us, Member ru) throws Exception {
    await(
        "RU mirrors US online and US has the receipt",
        Duration.ofSeconds(60),
        () ->
            getJson(ru, "/api/v1/log").path("peers").get(0).path("mirroredSize").asLong()
                    == getJson(us, "/api/v1/log").path("size").asLong()
                && Cluster.allCosigned(us));
  }

  private Path export(Member us, String name) {
    Path file = root.resolve(name);
    Cli.Result r =
        Cli.run("bundle", "export", "--dir", us.dir.toString(), "--out", file.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    return file;
  }

  /** RU (stopped) imports the bundle; its receipt goes back to US. */
  private void importAndCarryBack(Member us, Member ru, Path bundle) throws Exception {
    Path receipt = root.resolve(bundle.getFileName() + ".receipt");
    Cli.Result imp =
        Cli.run(
            "bundle",
            "import",
            "--dir",
            ru.dir.toString(),
            "--in",
            bundle.toString(),
            "--receipt-out",
            receipt.toString());
    assertThat(imp.exit()).as(imp.err()).isZero();
    assertThat(imp.out()).contains("verified and applied up to");
    Cli.Result back =
        Cli.run("bundle", "receipt", "--dir", us.dir.toString(), "--in", receipt.toString());
    assertThat(back.exit()).as(back.err()).isZero();
  }

  /** RU runs again, holding all of US's log, and US holds RU's receipt for all of it. */
  private static void restart(Cluster c, Member us, Member ru) throws Exception {
    c.start(ru);
    c.awaitUp(ru);
    long size = getJson(us, "/api/v1/log").path("size").asLong();
    assertThat(getJson(ru, "/api/v1/log").path("peers").get(0).path("mirroredSize").asLong())
        .isEqualTo(size);
    assertThat(getJson(us, "/api/v1/log").path("peers").get(0).path("cosignedSize").asLong())
        .isEqualTo(size);
  }

  /**
   * A bundle corrupted on the way and one signed over an altered entry: both refused, and RU's
   * node.db and log files exactly as before (the altered one leaves its alarm, as evidence).
   */
  private void refusedLeavesNothing(Member us, Member ru, Path good) throws Exception {
    String before = snapshot(ru);
    Path corrupted = root.resolve("corrupted.bundle");
    byte[] bytes = Files.readAllBytes(good);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\"entries\"") + 40;
    bytes[at] = (byte) (bytes[at] == 'A' ? 'B' : 'A');
    Files.write(corrupted, bytes);
    Cli.Result r =
        Cli.run("bundle", "import", "--dir", ru.dir.toString(), "--in", corrupted.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("altered bundle");
    assertThat(snapshot(ru)).isEqualTo(before);

    Path forged = root.resolve("forged.bundle");
    Bundles.write(signedOverAnAlteredEntry(us, Bundles.read(good)), forged);
    r = Cli.run("bundle", "import", "--dir", ru.dir.toString(), "--in", forged.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("refused").contains("do not hash to the signed checkpoint's root");
    String after = snapshot(ru);
    // the same but for the alarm (and its line in the audit trail), kept as evidence of what US
    // signed
    String evidence = "(?m)^(alarms|audit):.*\\n";
    assertThat(after.replaceAll(evidence, "")).isEqualTo(before.replaceAll(evidence, ""));
    assertThat(line(after, "alarms")).contains("altered-entry").startsWith(line(before, "alarms"));
    assertThat(line(after, "audit"))
        .startsWith(line(before, "audit").stripTrailing())
        .endsWith("node,alarm,US altered-entry (bundle);");
  }

  private static String line(String snapshot, String table) {
    return snapshot.lines().filter(l -> l.startsWith(table + ":")).findFirst().orElseThrow();
  }

  /** The bundle with its last entry changed, signed again with US's key: only the root tells. */
  private static Bundle signedOverAnAlteredEntry(Member us, Bundle b) throws Exception {
    List<String> entries = new ArrayList<>(b.entries());
    String last =
        new String(
            Base64.getDecoder().decode(entries.get(entries.size() - 1)), StandardCharsets.UTF_8);
    entries.set(
        entries.size() - 1,
        Base64.getEncoder()
            .encodeToString(
                last.replace("bomber-exercise", "bomber-exercisf")
                    .getBytes(StandardCharsets.UTF_8)));
    Function<String, Bundle> noted = note -> new Bundle(b.format(), b.origin(),
        b.party(), b.from(), entries, b.consistency(), b.checkpoint(), note);
    byte[] digest = MessageDigest.getInstance("SHA-256") // of the bundle without its note
        .digest(CanonicalJson.encode(noted.apply(null)));
    String text =
        Bundle.FORMAT + "\n" + b.origin() + "\nsha256 " + HexFormat.of().formatHex(digest) + "\n";
    var key = NodeIdentity.load(us.dir, "new-start", "US").logSignerKey();
    String note = SignedNote.sign(text, NoteKeys.parseSigner(key)).format();
    return noted.apply(note);
  }

  /** Everything RU's node.db holds, one table per line, and the hashes of its log files. */
  static String snapshot(Member m) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + m.dir.resolve("node.db"));
        Statement s = db.createStatement()) {
      for (String table :
          List.of(
              "messages", "cosignatures", "peers", "witness_state", "alarms", "audit", "tokens")) {
        out.append(table).append(": ");
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              Object v = rs.getObject(i);
              out.append(
                      v instanceof byte[] bs
                          ? HexFormat.of()
                              .formatHex(MessageDigest.getInstance("SHA-256").digest(bs))
                          : String.valueOf(v))
                  .append(i < n ? "," : ";");
            }
          }
        }
        out.append('\n');
      }
    }
    TreeMap<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(m.dir.resolve("log"))) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            m.dir.relativize(p).toString(),
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return out.append("log files: ").append(files).append('\n').toString();
  }

  private static void everyEntryOnceAndCleanLogs(Member us, Member ru) throws Exception {
    long size = getJson(us, "/api/v1/log").path("size").asLong();
    JsonNode in = getJson(ru, "/api/v1/messages?direction=in&limit=10000").path("messages");
    Set<Long> indexes = new HashSet<>();
    in.forEach(m -> indexes.add(m.path("index").asLong()));
    assertThat(in.size()).isEqualTo((int) size);
    assertThat(indexes).hasSize((int) size);
    // each notification counted once in RU's projections: numbers 1..n, once each
    List<Long> numbers = new ArrayList<>();
    for (JsonNode o : getJson(ru, "/api/v1/obligations").path("obligations")) {
      if (o.path("party").asText().equals("US") && o.path("regime").asText().equals("inventory")
          && !o.path("type").asText().equals("data-exchange")) {
        numbers.add(o.path("subject").asLong());
      }
    }
    assertThat(numbers).hasSize(11).doesNotHaveDuplicates();
    assertThat(getJson(us, "/api/v1/inventory?asOf=2020-09-01"))
        .isEqualTo(getJson(ru, "/api/v1/inventory?asOf=2020-09-01"));
    assertThat(getJson(us, "/api/v1/log").path("peers").get(0).path("cosignedSize").asLong())
        .isEqualTo(size);
    assertThat(getJson(us, "/api/v1/log").path("alarms")).isEmpty();
    assertThat(getJson(ru, "/api/v1/log").path("problems")).isEmpty();
    assertThat(Cluster.fsck(us).isClean()).as(Cluster.fsck(us).toString()).isTrue();
    assertThat(Cluster.fsck(ru).isClean()).isTrue();
  }
}
