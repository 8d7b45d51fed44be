package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.json;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.cli.demo.DemoScenario.Submission;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.proof.TlogProof;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two node processes, US and RU, under New START: each submits its declaration and notifications
 * from a generated scenario; every message arrives, is cosigned, and both nodes report the same
 * compliance and inventory. The same running pair is then used for the refusal cases (no token,
 * viewer, malformed, oversized, no or unpinned client certificate), which must change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class TwoNodeEndToEndTest {
  static final int NOTIFICATIONS = 15;

  @TempDir static Path root;
  Cluster cluster;
  Member us;
  Member ru;

  @BeforeAll
  void start() throws Exception {
    cluster = new Cluster(root);
    us = cluster.init("new-start", "US");
    ru = cluster.init("new-start", "RU");
    cluster.pinAll();
    cluster.startAll();
    List<Submission> usMsgs = DemoScenario.submissions("US", NOTIFICATIONS, 1);
    List<Submission> ruMsgs = DemoScenario.submissions("RU", NOTIFICATIONS, 1);
    for (int i = 0; i < Math.max(usMsgs.size(), ruMsgs.size()); i++) {
      if (i < usMsgs.size()) {
        submit(us, usMsgs.get(i));
      }
      if (i < ruMsgs.size()) {
        submit(ru, ruMsgs.get(i));
      }
    }
    await("all cosigned", Duration.ofSeconds(60), () -> Cluster.allCosigned(us) && Cluster.allCosigned(ru));
  }

  static void submit(Member m, Submission s) throws Exception {
    HttpResponse<String> r = post(m, "/api/v1/messages", s.body().toString(), m.operator);
    assertThat(r.statusCode()).as("%s %s: %s", m.party, s.clientId(), r.body()).isEqualTo(201);
  }

  @AfterAll
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  void everyMessageArrivesAndIsCosigned() throws Exception {
    JsonNode usLog = getJson(us, "/api/v1/log");
    JsonNode ruLog = getJson(ru, "/api/v1/log");
    // declaration parts + notifications
    assertThat(usLog.path("size").asLong()).isGreaterThan(NOTIFICATIONS);
    assertThat(ruLog.path("peers").get(0).path("mirroredSize").asLong()).isEqualTo(usLog.path("size").asLong());
    assertThat(usLog.path("peers").get(0).path("mirroredSize").asLong()).isEqualTo(ruLog.path("size").asLong());
    assertThat(usLog.path("alarms")).isEmpty();
    assertThat(ruLog.path("alarms")).isEmpty();

    JsonNode out = getJson(us, "/api/v1/messages?direction=out&limit=1000").path("messages");
    assertThat(out).hasSize((int) usLog.path("size").asLong());
    out.forEach(m -> assertThat(m.path("status").asText()).isEqualTo("cosigned"));
    out.forEach(m -> assertThat(m.path("receivedAt").isTextual()).isTrue());
    assertThat(getJson(ru, "/api/v1/messages?direction=in&type=" + out.get(0).path("type").asText()).path("messages")
        .get(0).path("deadlineStatus").isTextual()).isTrue();
    JsonNode in = getJson(ru, "/api/v1/messages?direction=in&limit=1000").path("messages");
    assertThat(in).hasSize(out.size());
    assertThat(getJson(ru, "/api/v1/messages?direction=in&type=declaration").path("messages").size())
        .isEqualTo(out.size() - NOTIFICATIONS);
  }

  @Test
  void bothNodesReportTheSameFigures() throws Exception {
    for (String q : List.of("/api/v1/compliance?asOf=2020-09-01", "/api/v1/inventory?asOf=2020-09-01",
        "/api/v1/compliance?asOf=2020-03-02", "/api/v1/inventory", "/api/v1/inventory/RU/items?asOf=2020-09-01")) {
      assertThat(getJson(us, q)).as(q).isEqualTo(getJson(ru, q));
    }
    assertThat(getJson(us, "/api/v1/inventory/US/items?asOf=2020-03-02").path("items").size()).isGreaterThan(1000);
    JsonNode c = getJson(us, "/api/v1/compliance?asOf=2020-03-02").path("parties");
    assertThat(c).hasSize(2);
    // the scenario's declarations equal the published aggregates of 1 March 2020
    assertThat(c.toString()).contains("\"value\":1373"); // US warheads
  }

  @Test
  void anEntryCarriesAnInclusionProofThatVerifies() throws Exception {
    JsonNode m = getJson(ru, "/api/v1/messages/US/3");
    byte[] entry = Base64.getDecoder().decode(m.path("entryBase64").asText());
    TlogProof proof = TlogProof.parse(m.path("proof").path("tlogProof").asText());
    String usKey = Cluster.JSON.readTree(Files.readString(us.dir.resolve("identity.json"))).path("logKey").asText();
    proof.verifyEntry(entry, "verity.example/new-start/US", NoteVerifiers.of(NoteKeys.parseVerifier(usKey)));
    JsonNode own = getJson(us, "/api/v1/messages/US/3");
    TlogProof.parse(own.path("proof").path("tlogProof").asText())
        .verifyEntry(entry, "verity.example/new-start/US", NoteVerifiers.of(NoteKeys.parseVerifier(usKey)));
    assertThat(getJson(us, "/api/v1/obligations").path("obligations").size()).isGreaterThan(0);
  }

  @Test
  void aRetriedSubmitReturnsTheOriginal() throws Exception {
    Submission first = DemoScenario.submissions("US", 1, 1).get(1);
    HttpResponse<String> r = post(us, "/api/v1/messages", first.body().toString(), us.operator);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("duplicate").asBoolean()).isTrue();
    assertThat(json(r).path("index").asLong()).isEqualTo(getJson(us, "/api/v1/messages/US/" + json(r).path("index")
        .asLong()).path("index").asLong());
  }

  @Test
  void refusalsAreClearAndChangeNothing() throws Exception {
    long before = getJson(us, "/api/v1/log").path("size").asLong();
    String good = DemoScenario.submissions("US", 1, 1).get(1).body().put("clientId", "fresh-1").toString();

    HttpResponse<String> r = post(us, "/api/v1/messages", good, null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(json(r).path("error").asText()).contains("token");
    assertThat(post(us, "/api/v1/messages", good, "vt_not-a-token").statusCode()).isEqualTo(401);
    r = post(us, "/api/v1/messages", good, us.viewer);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r).path("error").asText()).contains("operator");
    assertThat(post(us, "/api/v1/messages", good, ru.operator).statusCode()).as("RU's token on US").isEqualTo(401);

    r = post(us, "/api/v1/messages", "{not json", us.operator);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("error").asText()).contains("malformed JSON");
    r = post(us, "/api/v1/messages", "{\"clientId\":\"x1\",\"type\":\"no-such-type\",\"message\":{}}", us.operator);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("field").asText()).isEqualTo("type");
    r = post(us, "/api/v1/messages", "{\"clientId\":\"x2\",\"type\":\"item-moved\",\"message\":{\"eventTime\":\"2020-05-01T00:00:00Z\"}}", us.operator);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("field").asText()).isEqualTo("message.item");
    r = post(us, "/api/v1/messages", "{\"clientId\":\"x3\",\"type\":\"item-moved\",\"message\":{\"eventTime\":\"2020-05-01T00:00:00Z\","
        + "\"item\":\"NO-SUCH-ITEM\",\"facility\":\"US-WARREN\"}}", us.operator);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(json(r).path("error").asText()).contains("NO-SUCH-ITEM");
    r = post(us, "/api/v1/messages", "{\"clientId\":\"x4\",\"type\":\"item-moved\",\"message\":{\"party\":\"RU\"}}", us.operator);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(json(r).path("field").asText()).isEqualTo("message.party");
    r = post(us, "/api/v1/messages", "{\"clientId\":\"x5\",\"type\":\"declaration\",\"message\":{\"pad\":\"" + "x".repeat(1100 * 1024) + "\"}}",
        us.operator);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("error");
    assertThat(Cluster.get(us, "/api/v1/nope", us.viewer).statusCode()).isEqualTo(404);

    assertThat(getJson(us, "/api/v1/log").path("size").asLong()).isEqualTo(before);
    assertThat(Cluster.get(us, "/api/v1/audit?limit=5", us.viewer).statusCode()).isEqualTo(403);
    JsonNode audit = json(Cluster.get(us, "/api/v1/audit?limit=1000", us.operator));
    assertThat(audit.toString()).contains("token:operator").contains("\"action\":\"append\"");
  }

  @Test
  void thePeerPortRefusesClientsWithoutAPinnedCertificate() throws Exception {
    SSLContext trustAll = SSLContext.getInstance("TLSv1.3");
    trustAll.init(null, new TrustManager[] {new X509TrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] c, String a) {}
      @Override public void checkServerTrusted(X509Certificate[] c, String a) {}
      @Override public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, new SecureRandom());
    HttpClient noCert = HttpClient.newBuilder().sslContext(trustAll).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create(us.peerUrl() + "log/checkpoint")).timeout(Duration.ofSeconds(10)).build();
    assertThatThrownBy(() -> noCert.send(req, HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);

    // a certificate the node has not pinned: a third identity
    Path stranger = root.resolve("stranger");
    Cluster.cli("node", "init", "--party", "US", "--agreement", "new-start", "--dir", stranger.toString(),
        "--api-port", "1", "--peer-port", "1");
    var id = dev.verity.node.identity.NodeIdentity.load(stranger, "new-start", "US");
    var pinUs = dev.verity.node.identity.NodeIdentity.readPublic(us.dir.resolve("identity.json")).tlsPin();
    HttpClient unpinned = HttpClient.newBuilder()
        .sslContext(dev.verity.node.identity.PinnedTls.context(id, () -> java.util.Set.of(pinUs))).build();
    assertThatThrownBy(() -> unpinned.send(req, HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
  }
}
