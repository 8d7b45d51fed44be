package dev.verity.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.AgreementCatalog;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/agreements/{id}} describes every message type's fields, typed, in the
 * agreement's order, at every depth: what a compose form is generated from (issue 12).
 */
class AgreementSchemaViewTest {
  private static JsonNode type(ObjectNode agreement, String id) {
    for (JsonNode m : agreement.path("messages")) {
      if (m.path("type").asText().equals(id)) {
        return m;
      }
    }
    throw new AssertionError("no message type " + id);
  }

  private static JsonNode field(JsonNode fields, String name) {
    for (JsonNode f : fields) {
      if (f.path("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no field " + name + " in " + fields);
  }

  @Test
  void eachFieldHasItsKindBoundsRequiredAndLabelKeyInOrder() throws Exception {
    ObjectNode a = AgreementSchemaView.of(AgreementCatalog.get("new-start"));
    assertThat(a.path("id").asText()).isEqualTo("new-start");
    assertThat(a.path("parties")).extracting(p -> p.path("id").asText())
        .containsExactly("US", "RU");
    JsonNode added = type(a, "item-added");
    assertThat(added.path("notification").asBoolean()).isTrue();
    assertThat(added.path("deadline").path("afterEventDays").asInt()).isEqualTo(5);
    assertThat(added.path("fields")).extracting(f -> f.path("name").asText())
        .containsExactly("item", "newItem", "eventTime");
    JsonNode item = field(added.path("fields"), "item");
    assertThat(item.path("kind").asText()).isEqualTo("item");
    assertThat(item.path("required").asBoolean()).isTrue();
    assertThat(item.path("label").asText()).isEqualTo("field.item");
    assertThat(item.path("maxLength").asInt()).isEqualTo(128);
    JsonNode newItem = field(added.path("fields"), "newItem");
    assertThat(newItem.path("kind").asText()).isEqualTo("record");
    JsonNode warheads = field(newItem.path("fields"), "warheads");
    assertThat(warheads.path("kind").asText()).isEqualTo("integer");
    assertThat(warheads.path("min").asLong()).isZero();
    assertThat(warheads.path("max").asLong()).isEqualTo(99);
    assertThat(warheads.path("required").asBoolean()).isFalse();
    JsonNode armament = field(newItem.path("fields"), "armament");
    assertThat(armament.path("kind").asText()).isEqualTo("enum");
    assertThat(armament.path("values").toString()).isEqualTo("[\"nuclear\",\"non-nuclear\"]");
  }

  /** New START Protocol Part Four, Section IV.1: its launch is given under the 1988 agreement. */
  @Test
  void newStartsLaunchNamesTheAgreementItIsProvidedUnder() throws Exception {
    ObjectNode a = AgreementSchemaView.of(AgreementCatalog.get("new-start"));
    JsonNode under = type(a, "launch").path("providedUnder");
    assertThat(under.path("agreement").asText()).isEqualTo("launch-notification-1988");
    assertThat(under.path("message").asText()).isEqualTo("launch-notification");
    assertThat(type(a, "bomber-abroad").has("providedUnder")).isFalse();
  }

  @Test
  void listsOfRecordsMapsAndSharedProvisionsAreDescribedToo() throws Exception {
    ObjectNode a = AgreementSchemaView.of(AgreementCatalog.get("new-start"));
    JsonNode checkpoints =
        field(type(a, "inspection-selection-commit").path("fields"), "checkpoints");
    assertThat(checkpoints.path("list").asBoolean()).isTrue();
    assertThat(checkpoints.path("minItems").asInt()).isEqualTo(2);
    assertThat(checkpoints.path("fields").isArray()).isTrue();
    assertThat(field(checkpoints.path("fields"), "rootHash").path("pattern").asText())
        .isEqualTo("[A-Za-z0-9+/]{43}=");
    JsonNode armaments =
        field(type(a, "inspection-findings").path("fields"), "bomberArmaments");
    assertThat(armaments.path("kind").asText()).isEqualTo("map");
    assertThat(armaments.path("of").path("kind").asText()).isEqualTo("integer");
    JsonNode decision = type(a, "commission-decision");
    assertThat(decision.path("provision").asText()).isEqualTo("commission");
    assertThat(field(decision.path("fields"), "item").path("label").asText())
        .isEqualTo("field.agendaItem");
  }

  @Test
  void anAgreementMadeOfDataOnlyIsDescribedTheSameWay() throws Exception {
    ObjectNode a = AgreementSchemaView.of(AgreementCatalog.get("major-strategic-exercises-1989"));
    JsonNode t = type(a, "major-strategic-exercise");
    assertThat(t.path("notification").asBoolean()).isFalse();
    assertThat(field(t.path("fields"), "exerciseStart").path("kind").asText()).isEqualTo("date");
    assertThat(field(t.path("fields"), "remarks").path("kind").asText()).isEqualTo("longText");
  }
}
