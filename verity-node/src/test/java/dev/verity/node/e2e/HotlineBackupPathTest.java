package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static dev.verity.node.e2e.HotlineEscalationTest.advance;
import static dev.verity.node.e2e.HotlineEscalationTest.message;
import static dev.verity.node.e2e.HotlineEscalationTest.send;
import static dev.verity.node.e2e.HotlineEscalationTest.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.testing.Cli;
import dev.verity.node.testing.Cli.Result;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The military line's backup path (issue 14), two node processes on exercise clocks, every link
 * through a {@link TcpRelay}: US reaches RU by its URL or, configured as {@code backupUrl}, a
 * second relay. With every link cut, US's line test goes unreceipted (its failure in the line's
 * failure log), US switches to the backup URL and then says the line is down, and offers the
 * bundle; a flash message sent then reaches RU in the signed bundle ({@code verity hotline
 * bundle}, then {@code verity bundle import}) and RU shows it. The backup relay back, the line is
 * up through it and the flash message's receipt (RU's ordinary cosignature) comes by it; the
 * primary back, US switches back and the next message is receipted by the primary. Every switch
 * is in the line status, the audit trail and the node's log.
 */
class HotlineBackupPathTest {
  static final Instant T0 = Instant.parse("2026-03-14T07:00:00Z");
  /** The limit in these tests: a few seconds, not the default minute. */
  static final int SWITCH_AFTER = 2;

  @TempDir Path root;

  @Test
  @Timeout(400)
  void cutOffTheFlashGoesByBundleItsReceiptByTheBackupUrlAndTheSwitchesAreRecorded()
      throws Exception {
    try (Cluster c = new Cluster(root)) {
      Member us = c.init("us-ru-military-line", "US", "--exercise", "--exercise-start", "" + T0);
      Member ru = c.init("us-ru-military-line", "RU", "--exercise", "--exercise-start", "" + T0);
      try (TcpRelay primary = new TcpRelay(Cluster.freePort(), ru.peerPort);
          TcpRelay backup = new TcpRelay(Cluster.freePort(), ru.peerPort);
          TcpRelay toUs = new TcpRelay(Cluster.freePort(), us.peerPort)) {
        Cluster.cli("node", "peer", "add", "--dir", us.dir.toString(), "--identity",
            ru.dir.resolve("identity.json").toString(), "--url", "https://127.0.0.1:"
            + primary.port() + "/", "--backup-url", "https://127.0.0.1:" + backup.port() + "/",
            "--switch-after", "" + SWITCH_AFTER);
        c.pin(ru, us, "https://127.0.0.1:" + toUs.port() + "/");
        withBackup(ru, null); // RU: no second URL, the same limit
        String reyes = token(us, "jreyes");
        c.startAll();
        for (TcpRelay r : List.of(primary, backup, toUs)) {
          r.cut();
        }

        lineTestFails(us, ru, reyes);
        send(us, reyes, "F-1");
        JsonNode down = awaitLine(us, "US says the line is down", l -> l.path("down")
            .asBoolean());
        assertThat(down.path("unreceipted")).extracting(JsonNode::asText).contains("F-1");
        assertThat(down.path("backup").path("bundle").asText())
            .isEqualTo("POST /api/v1/hotline/bundle");
        assertThat(down.path("backup").path("backupUrls").get(0).asText())
            .isEqualTo("https://127.0.0.1:" + backup.port() + "/");
        assertThat(changes(down)).containsExactly("switched-to-backup", "line-down");

        // the backup path: the signed bundle carries F-1 to RU's node, which shows it
        Path file = root.resolve("line.bundle");
        String out = Cluster.cli("hotline", "bundle", "--node", "http://127.0.0.1:" + us.apiPort
            + "/", "--token", reyes, "--out", file.toString());
        assertThat(out).contains("carries the messages not yet receipted: ").contains("F-1");
        c.stop(ru);
        Result imp = Cli.run("bundle", "import", "--dir", ru.dir.toString(), "--in",
            file.toString());
        assertThat(imp.exit()).as(imp.err()).isZero();
        c.start(ru);
        c.awaitUp(ru);
        JsonNode atRu = message(ru, "F-1");
        assertThat(atRu).as("F-1 at RU").isNotNull();
        assertThat(atRu.path("alert").asBoolean()).isTrue();
        assertThat(atRu.path("officer").asText()).isEqualTo("jreyes");
        assertThat(message(us, "F-1").hasNonNull("receiptedAt")).isFalse();

        // the backup URL answers again: the line is up through it, F-1's receipt comes by it
        long viaBackup = backup.relayed();
        backup.restore();
        await("F-1 receipted at US", Duration.ofSeconds(120),
            () -> message(us, "F-1").hasNonNull("receiptedAt"));
        assertThat(backup.relayed()).isGreaterThan(viaBackup);
        JsonNode up = getJson(us, "/api/v1/hotline").path("line");
        assertThat(up.path("down").asBoolean()).isFalse();
        assertThat(up.path("paths").get(0).path("path").asText()).isEqualTo("backup");
        assertThat(up.has("backup")).isFalse();

        // the primary back: US switches to it, and the next message is receipted through it
        primary.restore();
        toUs.restore();
        awaitLine(us, "US back on the primary URL", l -> l.path("paths").get(0).path("path")
            .asText().equals("primary"));
        long viaPrimary = primary.relayed();
        long idleBackup = backup.relayed();
        send(us, reyes, "F-2");
        await("F-2 receipted at US", Duration.ofSeconds(120),
            () -> message(us, "F-2").hasNonNull("receiptedAt"));
        assertThat(primary.relayed()).isGreaterThan(viaPrimary);
        assertThat(backup.relayed()).isEqualTo(idleBackup);
        JsonNode back = getJson(us, "/api/v1/hotline").path("line");
        assertThat(back.path("paths").get(0).path("path").asText()).isEqualTo("primary");
        assertThat(changes(back)).containsExactly("switched-to-backup", "line-down", "line-up",
            "switched-to-primary");
        switchesRecorded(us);
      }
    }
  }

  /** The node's peers also by a second URL (or none), switched to after a few seconds. */
  static void withBackup(Member m, String url) throws Exception {
    NodeConfig cfg = NodeConfig.read(m.dir);
    List<PeerConfig> peers = new ArrayList<>();
    cfg.peers().forEach(p -> peers.add(p.withBackup(url, SWITCH_AFTER)));
    cfg.withPeers(peers).write(m.dir);
  }

  /**
   * US's line test of 07:00 is not receipted within its two minutes (the link is cut): judged at
   * 07:03, it is a failure in the line's failure log, on US's node.
   */
  static void lineTestFails(Member us, Member ru, String token) throws Exception {
    HttpResponse<String> r = post(us, "/api/v1/messages", "{\"clientId\": \"test-0700\","
        + " \"type\": \"line-test\", \"message\": {\"text\": \"The quick brown fox.\"}}", token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    advance(List.of(us, ru), T0.plusSeconds(180));
    JsonNode day = getJson(us, "/api/v1/hotline").path("lineTests").path("US").path("day");
    assertThat(day.path("ok").asInt()).isZero();
    assertThat(day.path("failures")).anySatisfy(f -> {
      assertThat(f.path("start").asText()).isEqualTo("" + T0);
      assertThat(f.path("result").asText()).isEqualTo("no-receipt");
    });
    // and on /metrics, for the node's monitoring (issue 17): the week's failures
    int week = getJson(us, "/api/v1/hotline").path("lineTests").path("US").path("week")
        .path("failures").size();
    assertThat(week).isPositive();
    assertThat(HotlineEscalationTest.gauge(us, "verity_line_test_failures", ",party=\"US\""))
        .isEqualTo(week);
  }

  interface LineCheck {
    boolean holds(JsonNode line);
  }

  static JsonNode awaitLine(Member m, String what, LineCheck check) throws Exception {
    try {
      await(what, Duration.ofSeconds(120),
          () -> check.holds(getJson(m, "/api/v1/hotline").path("line")));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + getJson(m, "/api/v1/hotline")
          .path("line") + "\n" + Cluster.log(m), e);
    }
    return getJson(m, "/api/v1/hotline").path("line");
  }

  static List<String> changes(JsonNode line) {
    List<String> out = new ArrayList<>();
    line.path("paths").get(0).path("switches").forEach(s -> out.add(s.path("change").asText()));
    return out;
  }

  /** Each switch in the audit trail (actor node) and in the node's log; the bundle audited. */
  static void switchesRecorded(Member us) throws Exception {
    JsonNode audit = Cluster.json(Cluster.get(us, "/api/v1/audit?action=peer-path", us.operator));
    List<String> details = new ArrayList<>();
    audit.forEach(e -> details.add(e.path("detail").asText()));
    assertThat(details).as(audit.toString()).anyMatch(d -> d.startsWith("RU switched-to-backup"))
        .anyMatch(d -> d.startsWith("RU line-down")).anyMatch(d -> d.startsWith("RU line-up"))
        .anyMatch(d -> d.startsWith("RU switched-to-primary"));
    assertThat(Cluster.json(Cluster.get(us, "/api/v1/audit?action=hotline-bundle",
        us.operator))).singleElement().satisfies(e -> assertThat(e.path("actor").asText())
            .isEqualTo("token:jreyes"));
    String log = Files.readString(us.dir.resolve("node.log"));
    assertThat(log).contains("switched-to-backup").contains("the line is DOWN")
        .contains("switched-to-primary");
  }
}
