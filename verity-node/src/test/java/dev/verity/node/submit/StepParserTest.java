package dev.verity.node.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.node.entry.Envelope;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.projection.Projections;
import dev.verity.node.store.SqliteNodeStore;
import dev.verity.tlog.log.LogWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inspection and commission steps through the submit pipeline: the body without type and party,
 * a missing or malformed field named (400), a step the rules refuse answered with the kind of
 * refusal (422), and nothing appended for either.
 */
class StepParserTest {
  static final Instant NOW = Instant.parse("2020-03-10T00:00:00Z");
  @TempDir Path dir;
  SqliteNodeStore store;
  LogWriter log;
  Submitter submitter;

  @BeforeEach
  void setUp() throws Exception {
    store = SqliteNodeStore.open(dir.resolve("node.db"));
    log = SubmitterTest.memoryLog();
    var agreement = AgreementCatalog.get("new-start");
    submitter = new Submitter(agreement, "US", log, new Projections(agreement), store, Clock.fixed(NOW, ZoneOffset.UTC),
        size -> {});
  }

  @AfterEach
  void tearDown() throws Exception {
    submitter.close();
    log.close();
    store.close();
  }

  private Submitted submit(String id, String type, String json) throws Exception {
    return submitter.submit(new SubmitRequest(id, type, CanonicalJson.mapper().readTree(json)), "t");
  }

  static String notice(String id) {
    return "{\"inspection\":\"" + id + "\",\"inspectedParty\":\"RU\",\"pointOfEntry\":\"Moscow\","
        + "\"arrivalTime\":\"2020-03-11T12:00:00Z\"}";
  }

  @Test
  void anAcceptedStepIsEnteredWithoutTypeOrPartyInItsBody() throws Exception {
    Submitted s = submit("n1", "inspection-notice", notice("US-1"));
    submitter.drain(5000);
    Envelope e = Envelope.decode(store.message("US", s.index()).orElseThrow().entry());
    assertThat(e.type()).isEqualTo("inspection-notice");
    assertThat(e.createdAt()).isEqualTo(NOW);
    JsonNode body = e.body();
    assertThat(body.has("type")).isFalse();
    assertThat(body.has("party")).isFalse();
    assertThat(body.path("arrivalTime").asText()).isEqualTo("2020-03-11T12:00:00Z");
  }

  @Test
  void schemaErrorsNameTheField() throws Exception {
    assertThatThrownBy(() -> submit("a", "inspection-notice", "{\"inspection\":\"US-1\",\"inspectedParty\":\"RU\"}"))
        .isInstanceOfSatisfying(SubmitException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isEqualTo("message.pointOfEntry");
        });
    assertThatThrownBy(() -> submit("b", "inspection-notice", notice("US-1").replace("2020-03-11T12:00:00Z", "soon")))
        .isInstanceOfSatisfying(SubmitException.class, e -> assertThat(e.field()).isEqualTo("message.arrivalTime"));
    assertThatThrownBy(() -> submit("c", "commission-session", "{\"session\":\"BCC-1\",\"date\":\"2020-03-10\",\"x\":1}"))
        .isInstanceOfSatisfying(SubmitException.class, e -> assertThat(e.field()).isEqualTo("message.x"));
    assertThatThrownBy(() -> submit("d", "commission-nonsense", "{}"))
        .isInstanceOfSatisfying(SubmitException.class, e -> assertThat(e.field()).isEqualTo("type"));
    assertThatThrownBy(() -> submit("e", "inspection-arrival", "{\"type\":\"inspection-notice\",\"inspection\":\"I\",\"pointOfEntry\":\"M\"}"))
        .isInstanceOfSatisfying(SubmitException.class, e -> assertThat(e.field()).isEqualTo("message.type"));
    assertThat(log.treeHead().size()).isZero();
  }

  /** The problem {@code submit} answers with: its status, field and words. */
  private String refused(String type, String json) {
    try {
      submit("x-" + System.nanoTime(), type, json);
    } catch (SubmitException e) {
      return e.status() + " " + e.field() + ": " + e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted: " + type + " " + json);
  }

  /**
   * Every field of every type is checked through the agreement's schema (issue 12), whatever the
   * regime: kinds, bounds, patterns, participants, nested records, lists; no field lists in Java.
   */
  @Test
  void everyFieldIsCheckedByTheAgreementsSchema() throws Exception {
    assertThat(refused("inspection-site",
        "{\"inspection\":\"US-1\",\"facility\":\"RU-F\",\"inspectionType\":3}"))
        .isEqualTo("400 message.inspectionType: expected an integer from 1 to 2");
    assertThat(refused("inspection-notice", notice("US-1").replace("\"RU\"", "\"FR\"")))
        .isEqualTo("400 message.inspectedParty: expected a participant of the agreement (RU, US)");
    assertThat(refused("inspection-report", "{\"inspection\":\"US-1\",\"digest\":\"abc\"}"))
        .isEqualTo("400 message.digest: expected a single line of text of at most 1000 characters"
            + " matching [0-9a-fA-F]{64}");
    assertThat(refused("commission-session", "{\"session\":\"BCC-1\"}"))
        .isEqualTo("400 message.date: required: a date such as 2020-10-15");
    assertThat(refused("inspection-selection-commit", "{\"inspection\":\"US-1\","
        + "\"commitment\":\"" + "ab".repeat(32) + "\",\"bomberCount\":1,\"checkpoints\":"
        + "[{\"party\":\"US\",\"origin\":\"o\",\"size\":-1,\"rootHash\":\"h\"}]}"))
        .startsWith("400 message.checkpoints: expected a list of 2 to 16, each an object")
        .doesNotContain("(and");
    assertThat(refused("commission-decision", "{\"decision\":\"D-1\",\"session\":\"BCC-1\","
        + "\"text\":\"t\",\"amendments\":[{\"path\":\"limits\"}],\"effectiveFrom\":\"soon\"}"))
        .isEqualTo("400 message.effectiveFrom: expected an ISO 8601 UTC instant such as"
            + " 2020-10-01T10:00:00Z (and message.amendments[0].value: required: a value)");
    // a notification's fields too, at any depth
    assertThat(refused("item-added", "{\"eventTime\":\"2020-03-09T00:00:00Z\",\"item\":\"N1\","
        + "\"newItem\":{\"id\":\"N1\",\"kind\":\"heavy-bomber\",\"facility\":\"F\","
        + "\"warheads\":120}}"))
        .isEqualTo("400 message.newItem.warheads: expected an integer from 0 to 99");
    assertThat(refused("item-moved",
        "{\"eventTime\":\"2020-03-09T00:00:00Z\",\"item\":\"B1\",\"launcher\":\"L1\"}"))
        .isEqualTo("400 message.launcher: not a field of this message (its fields: item, facility,"
            + " eventTime) (and message.facility: required: an identifier of 1 to 128 characters"
            + " without spaces)");
    assertThat(log.treeHead().size()).isZero();
  }

  @Test
  void aStepTheRulesRefuseCarriesTheRefusalAndAppendsNothing() throws Exception {
    submit("n1", "inspection-notice", notice("US-1"));
    long size = log.treeHead().size();
    assertThatThrownBy(() -> submit("n2", "inspection-notice", notice("US-2")))
        .isInstanceOfSatisfying(SubmitException.class, e -> {
          assertThat(e.status()).isEqualTo(422);
          assertThat(e.field()).isEqualTo("message");
          assertThat(e.refusal()).isEqualTo("OneAtATime");
          assertThat(e.getMessage()).contains("US-1");
        });
    assertThatThrownBy(() -> submit("r1", "inspection-restrictions", "{\"inspection\":\"US-1\"}"))
        .isInstanceOfSatisfying(SubmitException.class, e -> assertThat(e.refusal()).isEqualTo("WrongSender"));
    assertThatThrownBy(() -> submit("s1", "commission-decision-signed", "{\"decision\":\"D-9\"}"))
        .isInstanceOfSatisfying(SubmitException.class, e -> assertThat(e.refusal()).isEqualTo("Commission"));
    assertThat(log.treeHead().size()).isEqualTo(size);
    assertThat(submit("n3", "inspection-arrival", "{\"inspection\":\"US-1\",\"pointOfEntry\":\"Moscow\"}").index()).isEqualTo(size);
  }
}
