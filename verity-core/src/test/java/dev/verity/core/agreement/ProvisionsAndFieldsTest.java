package dev.verity.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.commission.Amendment;
import dev.verity.core.commission.AgreementVersions;
import dev.verity.core.schema.FieldError;
import dev.verity.core.schema.Kind;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typed message fields in agreement files, and shared provisions taken in by {@code includes}. */
class ProvisionsAndFieldsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String BASE = """
      id: base
      entryIntoForce: 2030-01-01
      parties: [{id: A, role: party}, {id: B, role: party}, {id: M, role: mediator}]
      facilityKinds: [{id: site}]
      itemKinds: [{id: bomber, category: bomber}]
      includes: [talks]
      messages:
        - id: added
          effect: add
          fields: {item: item, eventTime: instant}
      """;
  static final String TALKS = """
      provision: talks
      title: rounds of talks
      messages:
        - id: round
          fields: {round: id, opens: date, place: {kind: text, required: false}, host: party}
      """;

  static Agreement load(String yaml, Map<String, String> provisions) throws AgreementException {
    return new AgreementLoader(n -> n.equals("base") ? Optional.of(new StringReader(BASE))
        : Optional.empty(), n -> Optional.ofNullable(provisions.get(n)).map(StringReader::new))
        .load("test.yaml", new StringReader(yaml));
  }

  @Test
  void anIncludedProvisionAddsItsMessageTypesMarkedWithIt() throws Exception {
    Agreement a = load(BASE, Map.of("talks", TALKS));
    assertThat(a.messages()).extracting(MessageType::id).containsExactly("added", "round");
    assertThat(a.messageType("round").orElseThrow().provision()).isEqualTo("talks");
    assertThat(a.messageType("added").orElseThrow().provision()).isNull();
    assertThat(a.messageType("round").orElseThrow().fields())
        .containsExactly("round", "opens", "place", "host");
    assertThat(a.messageType("round").orElseThrow().notification()).isFalse();
    assertThat(a.messageType("added").orElseThrow().notification()).isTrue();
  }

  @Test
  void includesCarryAlongExtendsAndApplyOnce() throws Exception {
    Agreement a = load("extends: base\nid: child\nincludes: [talks]\nmessages: []\n",
        Map.of("talks", TALKS));
    assertThat(a.messages()).extracting(MessageType::id).containsExactly("round");
  }

  @Test
  void provisionProblemsNameTheFile() {
    assertThatThrownBy(() -> load(BASE, Map.of())).hasMessage(
        "test.yaml: includes: unknown provision 'talks'");
    assertThatThrownBy(() -> load(BASE, Map.of("talks", TALKS + "limits: []\n"))).hasMessage(
        "provisions/talks.yaml: limits: not a key of a provision (one of [messages, protocols,"
            + " provision, title])");
    assertThatThrownBy(() -> load(BASE, Map.of("talks", TALKS.replace("id: round", "id: added"))))
        .hasMessage("provisions/talks.yaml: messages[0].id: 'added' is also declared by test.yaml");
    assertThatThrownBy(() -> load(BASE, Map.of("talks", TALKS.replace("provision: talks",
        "provision: other")))).hasMessage("provisions/talks.yaml: provision: must be 'talks'");
  }

  @Test
  void aFieldDeclarationErrorNamesTheFileAndPath() {
    assertThatThrownBy(() -> load(BASE.replace("eventTime: instant", "eventTime: time"), Map.of(
        "talks", TALKS))).hasMessageStartingWith(
            "test.yaml: messages[0].fields.eventTime.kind: unknown kind 'time'");
    assertThatThrownBy(() -> load(BASE + "  - {id: added, effect: none}\n", Map.of("talks", TALKS)))
        .hasMessage("test.yaml: messages[1].id: duplicate 'added'");
  }

  @Test
  void theAgreementValidatesAMessageAgainstItsType() throws Exception {
    Agreement a = load(BASE, Map.of("talks", TALKS));
    MessageType round = a.messageType("round").orElseThrow();
    assertThat(a.validate(round, JSON.readTree(
        "{\"round\": \"R1\", \"opens\": \"2026-02-04\", \"host\": \"M\"}")).ok()).isTrue();
    assertThat(a.validate(round, JSON.readTree(
        "{\"round\": \"R1\", \"opens\": \"2026-02-04\", \"host\": \"UAE\"}")).errors())
        .containsExactly(new FieldError("host",
            "expected a participant of the agreement (A, B, M)"));
  }

  @Test
  void everyBundledMessageTypeIsTyped() throws Exception {
    for (Agreement a : AgreementCatalog.bundled()) {
      for (MessageType m : a.messages()) {
        assertThat(m.fields()).as(a.id() + " " + m.id()).isNotEmpty();
        if (m.notification()) {
          assertThat(m.schema().field("eventTime").orElseThrow().type().kind())
              .as(a.id() + " " + m.id()).isEqualTo(Kind.INSTANT);
        }
      }
    }
    Agreement ns = AgreementCatalog.get("new-start");
    assertThat(ns.messages().stream().filter(m -> "commission".equals(m.provision())))
        .extracting(MessageType::id).containsExactly("commission-session", "commission-agenda-item",
            "commission-decision", "commission-decision-signed", "commission-item-closed");
    assertThat(AgreementCatalog.get("new-start-voluntary-2026").messageType("commission-decision"))
        .isPresent();
  }

  @Test
  void anAmendedAgreementKeepsItsTypedFields() throws Exception {
    Agreement ns = AgreementCatalog.get("new-start");
    AgreementVersions v = AgreementVersions.of(ns).amend("D1",
        Instant.parse("2020-01-01T00:00:00Z"),
        List.of(new Amendment("messages[id=inspection-restrictions].deadline.afterEventHours",
            JSON.readTree("2"))));
    Agreement amended = v.at(Instant.parse("2021-01-01T00:00:00Z"));
    assertThat(amended.messages()).isEqualTo(ns.messages().stream().map(m -> m.id().equals(
        "inspection-restrictions") ? new MessageType(m.id(), m.name(), m.effect(), m.schema(),
        new MessageType.Deadline(null, null, null, 2), m.source(), m.provision(),
        m.providedUnder(), m.receiptWithin(), m.regime()) : m).toList());
  }

  @Test
  void theApiDescriptionCarriesTheSchemaNotANameList() throws Exception {
    var json = JSON.valueToTree(AgreementCatalog.get("new-start").messageType("item-moved")
        .orElseThrow());
    assertThat(json.get("fields").get("facility").get("kind").asText()).isEqualTo("id");
    assertThat(json.has("notification")).isFalse();
  }
}
