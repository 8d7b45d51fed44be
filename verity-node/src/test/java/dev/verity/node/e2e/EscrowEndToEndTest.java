package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.escrow.EscrowedDeclaration;
import dev.verity.core.escrow.Reveal;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Item;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.entry.Envelope;
import dev.verity.node.projection.EscrowEntries;
import dev.verity.node.vault.EscrowVault;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.cli.inspection.EscrowBenchCommand;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.storage.LogStorage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two node processes under new-start-voluntary-2026 (declarationMode: escrow): the US node commits
 * a 2,000-item declaration, of which the RU node sees only the commitment, and checks compliance
 * from its aggregates with nothing revealed; US reveals 20 items and RU verifies each against the
 * commitment; then a hostile US operator, who holds the salts, writes a forged reveal into its own
 * log around its node, and RU names the altered item and the item that was never committed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class EscrowEndToEndTest {
  static final String AGREEMENT = "new-start-voluntary-2026";
  @TempDir static Path root;
  Cluster cluster;
  Member us;
  Member ru;
  String committedRoot;

  @BeforeAll
  void start() throws Exception {
    cluster = new Cluster(root);
    us = cluster.init(AGREEMENT, "US");
    ru = cluster.init(AGREEMENT, "RU");
    cluster.pinAll();
    cluster.startAll();
  }

  @AfterAll
  void stop() throws Exception {
    cluster.close();
  }

  private static long mirrored(Member m) throws Exception {
    return getJson(m, "/api/v1/log").path("peers").get(0).path("mirroredSize").asLong();
  }

  private void awaitMirrored() throws Exception {
    long size = getJson(us, "/api/v1/log").path("size").asLong();
    await("RU mirrors US to " + size, Duration.ofSeconds(60), () -> mirrored(ru) >= size);
  }

  private static HttpResponse<String> postOk(Member m, String path, String body, int status) throws Exception {
    HttpResponse<String> r = post(m, path, body, m.operator);
    assertThat(r.statusCode()).as("%s %s: %s", m.party, path, r.body()).isEqualTo(status);
    return r;
  }

  @Test
  @Order(1)
  void ruChecksComplianceFromTheCommittedAggregatesWithNothingRevealed() throws Exception {
    ObjectNode req = Cluster.JSON.createObjectNode();
    req.put("clientId", "us-declaration-2026-03-01");
    req.put("type", "declaration");
    req.set("message", Cluster.JSON.readTree(DataExchangeJson.write(EscrowBenchCommand.synthetic(2000))));
    long t0 = System.nanoTime();
    JsonNode receipt = Cluster.json(postOk(us, "/api/v1/messages", req.toString(), 201));
    long commitMs = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("escrow through the node: commit of 2,000 items (HTTP, durable) %d ms%n", commitMs);
    assertThat(receipt.path("entries").asInt()).isEqualTo(1);
    awaitMirrored();

    JsonNode entry = getJson(ru, "/api/v1/messages/US/0").path("entry");
    assertThat(entry.path("type").asText()).isEqualTo("escrow-commitment");
    assertThat(entry.toString()).doesNotContain("M-0000001").doesNotContain("salt");
    JsonNode escrow = getJson(ru, "/api/v1/escrow").path("parties").path("US");
    assertThat(escrow.path("commitments")).hasSize(1);
    assertThat(escrow.path("commitments").get(0).path("size").asLong()).isEqualTo(2000);
    assertThat(escrow.path("reveals")).isEmpty();
    committedRoot = escrow.path("commitments").get(0).path("root").asText();

    JsonNode compliance = getJson(ru, "/api/v1/compliance?asOf=2026-03-01").path("parties");
    JsonNode usLimits = compliance.get(0).path("limits");
    assertThat(compliance.get(0).path("party").asText()).isEqualTo("US");
    // 1,000 ICBMs in silos carrying 1-3 warheads each: over the voluntary limits of 700 and 1,550
    assertThat(usLimits.findValuesAsText("name")).contains("deployed_icbm_slbm_hb", "warheads");
    assertThat(usLimits.get(0).path("value").asLong()).isEqualTo(1000);
    JsonNode inv = getJson(ru, "/api/v1/inventory?asOf=2026-03-01").path("parties").path("US");
    assertThat(inv.path("items").asInt()).isZero();
    assertThat(inv.path("escrow").path("committed").asLong()).isEqualTo(2000);
    assertThat(inv.path("escrow").path("notRevealed").asLong()).isEqualTo(2000);
  }

  @Test
  @Order(2)
  void ruVerifiesEachOfTwentyRevealedItems() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(String.format("M-%07d", i));
      ids.add(String.format("S-%07d", i));
    }
    long t0 = System.nanoTime();
    postOk(us, "/api/v1/escrow/reveals", "{\"clientId\":\"reveal-20\",\"items\":" + Cluster.JSON.valueToTree(ids) + "}", 201);
    long revealMs = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("escrow through the node: reveal of 20 items with proofs (HTTP, durable) %d ms%n", revealMs);
    awaitMirrored();
    JsonNode reveals = getJson(ru, "/api/v1/escrow").path("parties").path("US").path("reveals");
    assertThat(reveals).hasSize(20);
    assertThat(reveals.findValuesAsText("item")).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(reveals.findValues("ok")).allSatisfy(ok -> assertThat(ok.asBoolean()).isTrue());
    assertThat(getJson(ru, "/api/v1/escrow").path("problems")).isEmpty();
    JsonNode inv = getJson(ru, "/api/v1/inventory?asOf=2026-03-01").path("parties").path("US");
    assertThat(inv.path("items").asInt()).isEqualTo(20);
    assertThat(inv.path("escrow").path("notRevealed").asLong()).isEqualTo(1980);
    // already revealed: refused, nothing appended
    HttpResponse<String> again = post(us, "/api/v1/escrow/reveals", "{\"items\":[\"M-0000001\"]}", us.operator);
    assertThat(again.statusCode()).isEqualTo(422);
    assertThat(again.body()).contains("M-0000001 was revealed already");
    // inspectors' findings against what US revealed: M-0000001 carries 1 + 1 % 3 = 2 warheads
    String findings = "{\"party\":\"US\",\"facility\":\"BASE-1\",\"designatedMissile\":\"M-0000001\","
        + "\"findings\":{\"uniqueIdentifiers\":[\"M-0000001\",\"M-0000500\"],\"reentryVehicles\":3}}";
    JsonNode check = Cluster.json(post(ru, "/api/v1/escrow/findings-check", findings, ru.viewer));
    assertThat(check.path("problems").findValuesAsText("reason")).containsExactly(
        "seen by the inspectors at BASE-1 but not revealed with a valid proof", "reentry vehicles counted: 3, revealed: 2");
  }

  @Test
  @Order(3)
  void aForgedRevealAroundTheNodeIsDetectedAndNamedByThePeer() throws Exception {
    cluster.stop(us);
    var agreement = AgreementCatalog.get(AGREEMENT);
    List<Reveal> forged = new ArrayList<>();
    try (EscrowVault vault = EscrowVault.open(us.dir.resolve("escrow.db"))) {
      EscrowedDeclaration e = vault.get(agreement, committedRoot).orElseThrow();
      Reveal real = e.reveal(List.of("M-0000100")).get(0);
      forged.add(new Reveal(real.item().withWarheads(real.item().warheadCount() - 1), real.salt(), real.index(), real.proof()));
      Reveal near = e.reveal(List.of("M-0000003")).get(0);
      Item never = new Item("M-0000003A", "icbm", "BASE-0", "S-0000003", null, 1, null, null, null, null);
      forged.add(new Reveal(never, near.salt(), 1500, near.proof()));
    }
    appendAroundTheNode(us, EscrowEntries.revealBodies(committedRoot, forged).get(0));
    cluster.start(us);
    cluster.awaitUp(us);
    awaitMirrored();
    JsonNode problems = getJson(ru, "/api/v1/escrow").path("problems");
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).asText()).contains("M-0000100: does not match the commitment at index");
    assertThat(problems.get(1).asText()).contains("M-0000003A: not in the committed declaration: it would sit between"
        + " M-0000003 (index 3) and M-0000004 (index 4)");
    assertThat(getJson(ru, "/api/v1/log").path("problems").toString()).contains("M-0000100", "M-0000003A");
    assertThat(getJson(ru, "/api/v1/inventory?asOf=2026-03-01").path("parties").path("US").path("items").asInt())
        .isEqualTo(20);
  }

  @Test
  @Order(4)
  void theRestIsRevealedAndAllChecks() throws Exception {
    long t0 = System.nanoTime();
    JsonNode r = Cluster.json(postOk(us, "/api/v1/escrow/reveals", "{\"clientId\":\"reveal-rest\",\"items\":\"all\"}", 201));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("escrow through the node: reveal of the other 1,980 items in %d entries (HTTP, durable) %d ms%n",
        r.path("entries").asInt(), ms);
    // the mirror position is stored just before the entries are applied to the projections
    await("RU verifies all 2,000", Duration.ofSeconds(60), () -> getJson(ru, "/api/v1/inventory?asOf=2026-03-01")
        .path("parties").path("US").path("items").asInt() == 2000);
    assertThat(getJson(ru, "/api/v1/escrow").path("problems")).hasSize(2); // only the forged ones
    JsonNode reveals = getJson(ru, "/api/v1/escrow").path("parties").path("US").path("reveals");
    assertThat(reveals.findValues("ok").stream().filter(JsonNode::asBoolean)).hasSize(2000);
  }

  @Test
  @Order(5)
  void aSecondDeclarationCommitsAndRevealsOnAWarmNode() throws Exception {
    var d = EscrowBenchCommand.synthetic(2000);
    d = new dev.verity.core.message.Declaration(AGREEMENT, "US", java.time.LocalDate.of(2026, 9, 1), null, d.facilities(), d.items());
    ObjectNode req = Cluster.JSON.createObjectNode();
    req.put("clientId", "us-declaration-2026-09-01");
    req.put("type", "declaration");
    req.set("message", Cluster.JSON.readTree(DataExchangeJson.write(d)));
    long t0 = System.nanoTime();
    postOk(us, "/api/v1/messages", req.toString(), 201);
    long t1 = System.nanoTime();
    postOk(us, "/api/v1/escrow/reveals", "{\"clientId\":\"reveal-20-b\",\"items\":[\"M-0000042\",\"S-0000042\"]}", 201);
    long t2 = System.nanoTime();
    System.out.printf("escrow through the node, warm: commit of 2,000 items %d ms, reveal of 2 items %d ms%n",
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    await("RU sees the second commitment and its reveals", Duration.ofSeconds(60), () -> getJson(ru,
        "/api/v1/inventory?asOf=2026-09-30").path("parties").path("US").path("items").asInt() == 2);
    assertThat(getJson(ru, "/api/v1/escrow").path("parties").path("US").path("commitments")).hasSize(2);
  }

  @Test
  @Order(6)
  void theCommandLineWorksThroughTheNodes() throws Exception {
    String usUrl = "http://127.0.0.1:" + us.apiPort + "/";
    String out = Cluster.cli("escrow", "reveal", "--node", usUrl, "--token", us.operator, "--items", "M-0000043,S-0000043");
    assertThat(out).contains("revealed in 1 entries from US/");
    StringWriter o = new StringWriter();
    var cl = dev.verity.node.cli.VerityCommand.newCommandLine();
    cl.setOut(new PrintWriter(o));
    cl.setErr(new PrintWriter(new StringWriter()));
    awaitMirrored();
    await("RU verifies the CLI's reveals", Duration.ofSeconds(60), () -> getJson(ru,
        "/api/v1/inventory?asOf=2026-09-30").path("parties").path("US").path("items").asInt() == 4);
    int rc = cl.execute("escrow", "verify", "--node", "http://127.0.0.1:" + ru.apiPort, "--token", ru.viewer);
    assertThat(rc).as(o.toString()).isEqualTo(3); // the forged reveals are still on record
    assertThat(o.toString()).contains("US as of 2026-09-01: 2000 items committed, 4 revealed with a valid proof")
        .contains("BAD US/").contains("M-0000003A: not in the committed declaration");
  }

  /** What a hostile operator can do with the node's keys while it is stopped: sign an entry of its own making. */
  static void appendAroundTheNode(Member m, JsonNode body) throws Exception {
    NodeIdentity id = NodeIdentity.load(m.dir, AGREEMENT, m.party);
    String origin = id.publicIdentity().origin();
    try (LogWriter w = LogWriter.builder(LogStorage.directory(m.dir.resolve("log")))
        .signer(LogCheckpoints.signer(origin, id.logSignerKey()))
        .reader(LogCheckpoints.reader(origin, id.publicIdentity().logKey())).open()) {
      w.append(new Envelope(Envelope.VERSION, AGREEMENT, m.party, EscrowEntries.REVEAL, "forged-1", Instant.now(), body).encode());
    }
  }
}
