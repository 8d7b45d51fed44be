package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.get;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.federation.PeerClient;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PublicIdentity;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, "Must show": three node processes. The US and Russia share New START, the 1988
 * launch-notification agreement and the US-Russia military line; the US, Russia and Ukraine
 * share the trilateral talks (whose hosts, the UAE and Switzerland, run no node and are waited
 * for by nobody). Both the bilateral and the trilateral agreement deliver and receipt, and
 * Ukraine's node never receives a US-Russia entry: its peer port refuses one, its API does not
 * know the agreement, and nothing under its directory names it or holds its entries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class SeveralAgreementsEndToEndTest {
  static final String LINE = "us-ru-military-line";
  static final String TALKS = "trilateral-talks-2026";
  static final List<String> US_RU =
      List.of("new-start", "launch-notification-1988", LINE, TALKS);
  /** In the text of the line message: found anywhere, it is that entry. */
  static final String MARKER = "deconfliction-7731";

  @TempDir static Path root;
  Cluster cluster;
  Member us;
  Member ru;
  Member ua;

  @BeforeAll
  void start() throws Exception {
    cluster = new Cluster(root);
    us = cluster.initIn(US_RU, "US");
    ru = cluster.initIn(US_RU, "RU");
    ua = cluster.initIn(List.of(TALKS), "UA");
    cluster.pinAll(); // each pair shares what both identity files list
    cluster.startAll();
    submit(us, "new-start", Cluster.exercise("us-ex-1", 1));
    submit(us, LINE, lineMessage("us-line-1"));
    submit(ru, LINE, lineMessage("ru-line-1"));
    for (Member m : List.of(us, ru, ua)) {
      submit(m, TALKS, roster(m.party));
    }
    for (Member m : List.of(us, ru, ua)) {
      List<String> sent = m == ua ? List.of(TALKS)
          : m == us ? List.of("new-start", LINE, TALKS) : List.of(LINE, TALKS);
      for (String a : sent) {
        await(m.party + " " + a + " cosigned", Duration.ofSeconds(90), () -> cosigned(m, a));
      }
    }
  }

  @AfterAll
  void stop() throws Exception {
    cluster.close();
  }

  static void submit(Member m, String agreement, String body) throws IOException {
    HttpResponse<String> r =
        post(m, "/api/v1/messages?agreement=" + agreement, body, m.operator);
    assertThat(r.statusCode()).as("%s %s: %s", m.party, agreement, r.body()).isEqualTo(201);
  }

  static String lineMessage(String id) {
    return "{\"clientId\":\"" + id + "\",\"type\":\"line-message\",\"message\":{\"message\":\""
        + id + "\",\"to\":\"" + (id.startsWith("us") ? "RU" : "US") + "\",\"priority\":"
        + "\"routine\",\"text\":\"" + MARKER + ": exercise area notice\",\"language\":\"en\"}}";
  }

  static String roster(String party) {
    return "{\"clientId\":\"roster-" + party + "\",\"type\":\"talks-roster\",\"message\":"
        + "{\"head\":\"Head of the " + party + " delegation\","
        + "\"members\":[{\"name\":\"Adviser\"}]}}";
  }

  /** Every own entry of {@code m} in {@code a} has every peer's receipt there. */
  static boolean cosigned(Member m, String a) throws IOException {
    JsonNode log = getJson(m, "/api/v1/log?agreement=" + a);
    long size = log.path("size").asLong();
    for (JsonNode p : log.path("peers")) {
      if (p.path("cosignedSize").asLong() < size) {
        return false;
      }
    }
    return size > 0;
  }

  @Test
  void theBilateralAgreementDeliversAndReceiptsBetweenUsAndRussiaOnly() throws Exception {
    JsonNode log = getJson(us, "/api/v1/log?agreement=" + LINE);
    assertThat(log.path("origin").asText()).isEqualTo("verity.example/" + LINE + "/US");
    assertThat(log.path("peers")).extracting(p -> p.path("party").asText())
        .containsExactly("RU");
    assertThat(log.path("peers").get(0).path("cosignedSize").asLong()).isEqualTo(1);
    JsonNode in = getJson(ru, "/api/v1/messages?agreement=" + LINE + "&direction=in")
        .path("messages");
    assertThat(in).hasSize(1);
    assertThat(in.get(0).path("status").asText()).isEqualTo("cosigned");
    assertThat(in.get(0).toString()).contains(MARKER);
    // New START is the home agreement: the routes without ?agreement= are its, as before
    assertThat(getJson(ru, "/api/v1/messages?direction=in").path("messages")).hasSize(1);
  }

  @Test
  void theTrilateralAgreementDeliversAndReceiptsBetweenAllThree() throws Exception {
    for (Member m : List.of(us, ru, ua)) {
      JsonNode log = getJson(m, "/api/v1/log?agreement=" + TALKS);
      // the hosts run no node: only the configured peers witness, and nobody waits for a host
      assertThat(log.path("peers")).extracting(p -> p.path("party").asText())
          .containsExactlyInAnyOrderElementsOf(
              Stream.of("US", "RU", "UA").filter(p -> !p.equals(m.party)).toList());
      assertThat(getJson(m, "/api/v1/messages?agreement=" + TALKS + "&direction=in")
          .path("messages")).hasSize(2);
    }
    JsonNode all = getJson(us, "/api/v1/messages?agreement=all&direction=in").path("messages");
    assertThat(all).extracting(v -> v.path("agreement").asText())
        .containsExactlyInAnyOrder(LINE, TALKS, TALKS)
        .doesNotContain("launch-notification-1988");
    assertThat(getJson(us, "/api/v1/agreements").path("agreements"))
        .extracting(a -> a.path("id").asText()).containsExactlyElementsOf(US_RU);
  }

  @Test
  void ukrainesPeerPortRefusesUsRussiaAgreementsAndUsRefusesUkraineThere() throws Exception {
    NodeIdentity usKeys = NodeIdentity.load(us.dir, "new-start", "US");
    NodeIdentity uaKeys = NodeIdentity.load(ua.dir, TALKS, "UA");
    PublicIdentity uaId = NodeIdentity.readPublic(ua.dir.resolve("identity.json"));
    PublicIdentity usId = NodeIdentity.readPublic(us.dir.resolve("identity.json"));
    // the US, pinned at Ukraine's node, asks it for New START: an agreement it is not in
    PeerClient usAtUa = new PeerClient(usKeys,
        new PeerConfig(ua.peerUrl(), uaId.forAgreement("new-start")));
    String cp = new String(usAt(us, "new-start"), StandardCharsets.UTF_8);
    assertThat(usAtUa.addCheckpoint("old 0\n\n" + cp).status()).isEqualTo(404);
    assertThatThrownBy(usAtUa::checkpoint).isInstanceOf(IOException.class);
    // Ukraine, pinned at the US node, asks it for the line: not a participant of it there
    PeerClient uaAtUs = new PeerClient(uaKeys.forAgreement(LINE),
        new PeerConfig(us.peerUrl(), usId.forAgreement(LINE)));
    assertThatThrownBy(uaAtUs::checkpoint).hasMessageContaining("HTTP 403");
    assertThat(uaAtUs.addCheckpoint("old 0\n\n" + cp).status()).isEqualTo(403);
    // and in the agreement it shares, the same client is served
    PeerClient uaInTalks = new PeerClient(uaKeys,
        new PeerConfig(us.peerUrl(), usId.forAgreement(TALKS)));
    assertThat(new String(uaInTalks.checkpoint(), StandardCharsets.UTF_8))
        .startsWith("verity.example/" + TALKS + "/US\n");
  }

  /** The current checkpoint of {@code m}'s log in {@code a}, read from its API. */
  private static byte[] usAt(Member m, String a) throws IOException {
    return getJson(m, "/api/v1/log?agreement=" + a).path("checkpoint").asText()
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void ukrainesApiDoesNotKnowUsRussiaAgreements() throws Exception {
    for (String a : List.of("new-start", LINE, "launch-notification-1988")) {
      HttpResponse<String> r = get(ua, "/api/v1/messages?agreement=" + a, ua.viewer);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    }
    assertThat(getJson(ua, "/api/v1/agreements").path("agreements"))
        .extracting(a -> a.path("id").asText()).containsExactly(TALKS);
    assertThat(getJson(ua, "/api/v1/messages?agreement=all").toString())
        .doesNotContain(MARKER).doesNotContain("bomber-exercise");
  }

  @Test
  void nothingUnderUkrainesDirectoryNamesOrHoldsUsRussiaAgreements() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(ua.dir)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertThat(text).as("%s", f).doesNotContain(MARKER).doesNotContain("bomber-exercise");
      assertThat(ua.dir.relativize(f).toString()).doesNotContain("new-start")
          .doesNotContain(LINE).doesNotContain("launch-notification");
      if (!f.getFileName().toString().equals("node.log")) {
        // the process log names the refused request's path, and nothing of its content
        assertThat(text).as("%s", f).doesNotContain("new-start").doesNotContain(LINE)
            .doesNotContain("launch-notification");
      }
    }
  }
}
