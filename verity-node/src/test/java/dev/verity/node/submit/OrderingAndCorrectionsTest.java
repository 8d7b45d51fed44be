package dev.verity.node.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.message.Item;
import dev.verity.core.message.EntryRef;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.projection.Owed;
import dev.verity.node.projection.Projections;
import dev.verity.node.store.SqliteNodeStore;
import dev.verity.tlog.log.LogWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submit pipeline with a watch officer's traffic, in one process: advance notices and late
 * reports in any order, refusals that name the conflicting notification, corrections and
 * withdrawals, idempotency that cannot lose a message.
 */
class OrderingAndCorrectionsTest {
  static final Instant T0 = Instant.parse("2020-03-10T00:00:00Z");
  @TempDir Path dir;
  SqliteNodeStore store;
  LogWriter log;
  Projections projections;
  Submitter submitter;
  Instant now = T0;
  List<Item> bombers;
  int sent;

  private static DemoScenario.Submission declaration;

  @BeforeAll
  static void generate() throws Exception {
    declaration = DemoScenario.submissions("US", 0, 1).get(0);
  }

  @BeforeEach
  void setUp() throws Exception {
    store = SqliteNodeStore.open(dir.resolve("node.db"));
    log = SubmitterTest.memoryLog();
    var agreement = AgreementCatalog.get("new-start");
    projections = new Projections(agreement);
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        };
    submitter = new Submitter(agreement, "US", log, projections, store, clock, size -> {});
    var d = declaration;
    submitter.submit(new SubmitRequest(d.clientId(), d.type(), d.message()), "t");
    Inventory inv = projections.inventoryAsOf("US", null).orElseThrow();
    bombers =
        inv.items().values().stream()
            .filter(i -> i.kind().equals("heavy-bomber") && i.nuclearArmed())
            .limit(3)
            .toList();
  }

  @AfterEach
  void tearDown() throws Exception {
    submitter.close();
    log.close();
    store.close();
  }

  private Submitted send(String type, String json) throws Exception {
    return submitter.submit(
        new SubmitRequest("c-" + (++sent), type, CanonicalJson.mapper().readTree(json)), "t");
  }

  private static String moved(Item b, String facility, Instant t) {
    return "{\"eventTime\":\""
        + t
        + "\",\"item\":\""
        + b.id()
        + "\",\"facility\":\""
        + facility
        + "\"}";
  }

  private String elsewhere(Item b) throws Exception {
    Inventory inv = projections.inventoryAsOf("US", null).orElseThrow();
    return inv.facilities().values().stream()
        .filter(f -> f.kind().equals("air-base") && !f.id().equals(b.facility()))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private Item now(String id) throws Exception {
    return projections.inventoryAsOf("US", null).orElseThrow().item(id);
  }

  @Test
  void anAdvanceNoticeDoesNotBlockEarlierEvents() throws Exception {
    send(
        "bomber-exercise",
        "{\"eventTime\":\"" + T0.plus(Duration.ofDays(21)) + "\"}"); // three weeks out
    send(
        "bomber-exercise",
        "{\"eventTime\":\"" + T0.plus(Duration.ofDays(2)) + "\"}"); // the day after tomorrow
    Item b = bombers.get(0);
    String to = elsewhere(b);
    send("item-moved", moved(b, to, T0.minus(Duration.ofDays(5)))); // reported five days late
    assertThat(now(b.id()).facility()).isEqualTo(to);
    assertThat(projections.nextNumber("US")).isEqualTo(4);
  }

  @Test
  void anEarlierEventThatBreaksALaterOneIsRefusedNamingIt() throws Exception {
    Item b = bombers.get(0);
    send("item-moved", moved(b, elsewhere(b), T0));
    long size = projections.nextIndex("US");
    assertThatThrownBy(
            () ->
                send(
                    "item-eliminated",
                    "{\"eventTime\":\""
                        + T0.minus(Duration.ofDays(1))
                        + "\",\"item\":\""
                        + b.id()
                        + "\"}"))
        .isInstanceOfSatisfying(SubmitException.class, e -> assertThat(e.status()).isEqualTo(422))
        .hasMessageContaining("notification US #1 (item-moved")
        .hasMessageContaining("was eliminated by notification US #2");
    assertThat(projections.nextIndex("US")).isEqualTo(size);
    assertThat(projections.nextNumber("US")).isEqualTo(2);
  }

  @Test
  void aTypoIsCorrectedAndTheFiguresFollow() throws Exception {
    Item b = bombers.get(0);
    String base = b.facility();
    Map<String, Long> before = projections.inventoryAsOf("US", null).orElseThrow().aggregates();
    // the typo: eliminated instead of moved
    Submitted typo =
        send("item-eliminated", "{\"eventTime\":\"" + T0 + "\",\"item\":\"" + b.id() + "\"}");
    assertThat(projections.inventoryAsOf("US", null).orElseThrow().aggregates())
        .isNotEqualTo(before);
    now = T0.plus(Duration.ofDays(8));
    Submitted fix =
        send(
            "correction",
            "{\"supersedes\":"
                + typo.index()
                + ",\"reason\":\"moved, not eliminated\","
                + "\"replacement\":{\"type\":\"item-moved\",\"eventTime\":\""
                + T0
                + "\",\"item\":\""
                + b.id()
                + "\",\"facility\":\""
                + elsewhere(b)
                + "\"}}");
    assertThat(projections.inventoryAsOf("US", null).orElseThrow().aggregates()).isEqualTo(before);
    assertThat(now(b.id()).facility()).isNotEqualTo(base);
    var s = projections.supersession("US", typo.index()).orElseThrow();
    assertThat(s.supersededBy()).isEqualTo(fix.index());
    assertThat(s.reason()).isEqualTo("moved, not eliminated");
    assertThat(projections.supersession("US", fix.index()).orElseThrow().supersedes())
        .isEqualTo(typo.index());

    // judged by the correction's receipt: received nine days after the event, it is late (as
    // seen once it was received: before, it was missing)
    NavigableReceipts r = new NavigableReceipts();
    r.at(typo.index(), T0.plus(Duration.ofHours(1)));
    r.at(fix.index(), T0.plus(Duration.ofDays(9)));
    Owed o =
        projections.obligations(Map.of("US", r.times), T0.plus(Duration.ofDays(10))).stream()
            .filter(x -> x.regime().equals("inventory") && x.subject().equals("1"))
            .findFirst()
            .orElseThrow();
    assertThat(o.status().label()).isEqualTo("late");
    assertThat(o.type()).isEqualTo("item-moved");
    assertThat(o.corrected()).isTrue();
    assertThat(o.metBy()).isEqualTo(new EntryRef("US", fix.index()));
    assertThat(o.metAt()).isEqualTo(T0.plus(Duration.ofDays(9)));
  }

  /** First cosignature times by checkpoint size, as the store gives them. */
  static final class NavigableReceipts {
    final java.util.NavigableMap<Long, Long> times = new TreeMap<>();

    void at(long index, Instant t) {
      times.put(index + 1, t.getEpochSecond());
    }
  }

  @Test
  void aWithdrawalTakesTheNotificationOutAndOwesNothing() throws Exception {
    Item b = bombers.get(0);
    Submitted wrong = send("item-moved", moved(b, elsewhere(b), T0));
    send("correction", "{\"supersedes\":" + wrong.index() + ",\"reason\":\"sent by mistake\"}");
    assertThat(now(b.id()).facility()).isEqualTo(b.facility());
    assertThat(projections.obligations(Map.of(), now))
        .noneMatch(o -> !o.type().equals("data-exchange"));
    assertThat(projections.nextNumber("US")).as("a withdrawn number stays used").isEqualTo(2);
  }

  @Test
  void correctionsAreCheckedLikeAnyMessage() throws Exception {
    Item b = bombers.get(0);
    Submitted n = send("item-moved", moved(b, elsewhere(b), T0));
    String later = moved(b, elsewhere(b), T0.plus(Duration.ofDays(1)));
    Submitted fix = send("correction", "{\"supersedes\":" + n.index()
        + ",\"reason\":\"one day later\",\"replacement\":" + later + "}");
    String again = "{\"supersedes\":" + n.index() + ",\"reason\":\"again\"}";
    assertThat(refused(again, "message.supersedes")).hasMessageContaining("entry " + n.index()
        + " was already superseded by entry " + fix.index() + ": correct that one");
    assertThat(refused("{\"supersedes\":0,\"reason\":\"a declaration\"}", "message.supersedes"))
        .hasMessageContaining("entry 0 of US is not a notification");
    String head = "{\"supersedes\":" + fix.index();
    refused(head + "}", "message.reason");
    refused(head + ",\"reason\":\"r\",\"replacement\":{\"number\":9,"
        + moved(b, "X", T0).substring(1) + "}", "message.replacement.number");
    refused(head + ",\"reason\":\"r\",\"replacement\":"
        + moved(b, "X", Instant.parse("2099-01-01T00:00:00Z")) + "}",
        "message.replacement.eventTime");
    refused(head + ",\"reason\":\"r\",\"colour\":1}", "message.colour");
  }

  /** Submits a correction that must be refused at {@code field}; returns the refusal. */
  private SubmitException refused(String correction, String field) {
    SubmitException e =
        catchThrowableOfType(() -> send("correction", correction), SubmitException.class);
    assertThat(e).as(correction).isNotNull();
    assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
    return e;
  }

  @Test
  void aClientIdReusedForAnotherMessageIsAConflictNamingItsEntry() throws Exception {
    JsonNode first = CanonicalJson.mapper().readTree("{\"eventTime\":\"" + T0 + "\"}");
    Submitted s = submitter.submit(new SubmitRequest("ex-1", "bomber-exercise", first), "t");
    // the same message again (fields in another order): the original
    ObjectNode same = CanonicalJson.mapper().createObjectNode().put("eventTime", T0.toString());
    assertThat(
            submitter.submit(new SubmitRequest("ex-1", "bomber-exercise", same), "t").duplicate())
        .isTrue();
    JsonNode other =
        CanonicalJson.mapper().readTree("{\"eventTime\":\"" + T0.plusSeconds(60) + "\"}");
    assertThatThrownBy(
            () -> submitter.submit(new SubmitRequest("ex-1", "bomber-exercise", other), "t"))
        .isInstanceOfSatisfying(
            SubmitException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.field()).isEqualTo("clientId");
            })
        .hasMessageContaining("already names entry US/" + s.index());
    submitter.drain(5000); // also once it is in the store, not only in flight
    assertThatThrownBy(
            () -> submitter.submit(new SubmitRequest("ex-1", "bomber-exercise", other), "t"))
        .isInstanceOfSatisfying(SubmitException.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThat(submitter.submit(new SubmitRequest("ex-1", "bomber-exercise", first), "t").index())
        .isEqualTo(s.index());
  }
}
