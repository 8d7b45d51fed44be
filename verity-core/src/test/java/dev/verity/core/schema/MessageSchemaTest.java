package dev.verity.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageSchemaTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> PARTIES = Set.of("US", "RU");

  /** The launch notification of issue 13, as an agreement file would declare it. */
  static final String LAUNCH = """
      missileClass: {kind: enum, values: [ICBM, SLBM]}
      plannedLaunch: instant
      launchWindowHours: {kind: integer, min: 1, max: 96}
      launchArea:
        kind: oneOf
        of:
          - {kind: record, fields: {site: text}}
          - polygon
          - circle
          - {kind: record, fields: {ocean: text, quadrant: {kind: enum, values: [NE, SE, SW, NW]}}}
      impactAreas: {kind: oneOf, of: [polygon, circle], list: true, minItems: 1, maxItems: 10}
      remarks: {kind: longText, required: false, label: field.launchRemarks}
      """;

  static MessageSchema schema(String yaml) throws Exception {
    return MessageSchema.read(YAML.readTree(yaml), "fields");
  }

  static List<FieldError> errors(MessageSchema s, String json) throws Exception {
    return s.validate(JSON.readTree(json), PARTIES).errors();
  }

  static final String GOOD = """
      {"missileClass": "SLBM", "plannedLaunch": "2025-11-04T23:01:00Z", "launchWindowHours": 6,
       "launchArea": {"ocean": "Pacific", "quadrant": "NE"},
       "impactAreas": [{"polygon": [{"lat": 62.9, "lon": 40.5}, {"lat": 63, "lon": 41},
                                    {"lat": 62.5, "lon": 41.2}]},
                       {"circle": {"center": {"lat": 9.4, "lon": 167.5}, "radius": 50,
                                   "unit": "nmi"}}]}
      """;

  @Test
  void aValidMessageGivesTypedFields() throws Exception {
    Validation v = schema(LAUNCH).validate(JSON.readTree(GOOD), PARTIES);
    assertThat(v.errors()).isEmpty();
    assertThat(v.fields().instant("plannedLaunch")).hasValueSatisfying(
        t -> assertThat(t.toString()).isEqualTo("2025-11-04T23:01:00Z"));
    List<GeoArea> areas = v.fields().areas("impactAreas");
    assertThat(areas.get(0)).isInstanceOf(GeoPolygon.class);
    GeoCircle c = (GeoCircle) areas.get(1);
    assertThat(c.center()).isEqualTo(new GeoPoint(9.4, 167.5));
    assertThat(c.radiusMetres()).isEqualTo(50 * 1852.0);
  }

  @Test
  void eachProblemNamesTheFieldAndWhatWasExpected() throws Exception {
    MessageSchema s = schema(LAUNCH);
    assertThat(errors(s, GOOD.replace("2025-11-04T23:01:00Z", "4 Nov 2025")))
        .containsExactly(new FieldError("plannedLaunch",
            "expected an ISO 8601 UTC instant such as 2020-10-01T10:00:00Z"));
    assertThat(errors(s, GOOD.replace("2025-11-04T23:01:00Z", "2025-11-04T23:01:00+01:00")))
        .extracting(FieldError::path).containsExactly("plannedLaunch");
    assertThat(errors(s, GOOD.replace("\"SLBM\"", "\"SRBM\"")))
        .containsExactly(new FieldError("missileClass", "expected one of ICBM, SLBM"));
    assertThat(errors(s, GOOD.replace(": 6,", ": 97,")))
        .containsExactly(new FieldError("launchWindowHours", "expected an integer from 1 to 96"));
    assertThat(errors(s, GOOD.replace(": 6,", ": 6.5,"))).hasSize(1);
    assertThat(errors(s, GOOD.replace("\"nmi\"", "\"miles\"")))
        .extracting(FieldError::toString).containsExactly("impactAreas[1]: expected a circle"
            + " {\"circle\": {\"center\": point, \"radius\": 50, \"unit\": \"km\"}}"
            + " (unit km or nmi)");
    assertThat(errors(s, GOOD.replace("\"quadrant\": \"NE\"", "\"quadrant\": \"N\"")))
        .extracting(FieldError::path).containsExactly("launchArea.quadrant");
  }

  @Test
  void unknownAndMissingFieldsAreRefused() throws Exception {
    MessageSchema s = schema(LAUNCH);
    assertThat(errors(s, GOOD.replace("{\"missileClass\"", "{\"warheads\": 3, \"missileClass\"")))
        .extracting(FieldError::toString).containsExactly("warheads: not a field of this message"
            + " (its fields: missileClass, plannedLaunch, launchWindowHours, launchArea,"
            + " impactAreas, remarks)");
    assertThat(errors(s, GOOD.replace("\"plannedLaunch\": \"2025-11-04T23:01:00Z\",", "")))
        .extracting(FieldError::path).containsExactly("plannedLaunch");
    assertThat(errors(s, GOOD.replace("\"plannedLaunch\": \"2025-11-04T23:01:00Z\",",
        "\"plannedLaunch\": null,"))).extracting(FieldError::path).containsExactly("plannedLaunch");
    assertThat(errors(s, "[]")).hasSize(1);
  }

  @Test
  void geographicValuesHaveOneShape() throws Exception {
    MessageSchema s = schema("p: point\na: {kind: oneOf, of: [polygon, circle]}");
    String ok = "{\"p\": {\"lat\": 62.93, \"lon\": 40.58}, \"a\": {\"circle\": {\"center\":"
        + " {\"lat\": 0, \"lon\": 0}, \"radius\": 50, \"unit\": \"km\"}}}";
    assertThat(errors(s, ok)).isEmpty();
    assertThat(errors(s, ok.replace("62.93", "91"))).extracting(FieldError::path)
        .containsExactly("p");
    assertThat(errors(s, ok.replace("\"lon\": 40.58", "\"lng\": 40.58"))).hasSize(1);
    assertThat(errors(s, ok.replace("\"radius\": 50", "\"radius\": 0"))).hasSize(1);
    assertThat(errors(s, ok.replace("\"radius\": 50", "\"radius\": -1"))).hasSize(1);
    String twoPoints = "{\"p\": {\"lat\": 1, \"lon\": 1},"
        + " \"a\": {\"polygon\": [{\"lat\": 1, \"lon\": 1},"
        + " {\"lat\": 2, \"lon\": 2}]}}";
    assertThat(errors(s, twoPoints)).extracting(FieldError::problem)
        .allMatch(p -> p.startsWith("expected a polygon"));
    assertThat(errors(s, "{\"p\": {\"lat\": 1, \"lon\": 1}, \"a\": {\"site\": \"Plesetsk\"}}"))
        .extracting(FieldError::problem).allMatch(p -> p.startsWith("expected one of: a polygon"));
  }

  @Test
  void geographicRecordsWriteTheSameShape() throws Exception {
    GeoCircle c = new GeoCircle(new GeoPoint(62.93, 40.58), 50, DistanceUnit.KM);
    String json = JSON.writeValueAsString(c);
    assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree(
        "{\"circle\": {\"center\": {\"lat\": 62.93, \"lon\": 40.58}, \"radius\": 50.0,"
            + " \"unit\": \"km\"}}"));
    assertThat(JSON.readValue(json, GeoCircle.class)).isEqualTo(c);
    GeoPolygon p = new GeoPolygon(List.of(new GeoPoint(1, 1), new GeoPoint(2, 2),
        new GeoPoint(1, 3)));
    assertThat(JSON.readTree(JSON.writeValueAsString(p)).has("polygon")).isTrue();
    assertThat(JSON.readValue(JSON.writeValueAsString(p), GeoPolygon.class)).isEqualTo(p);
    assertThatThrownBy(() -> new GeoPoint(95, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void referencesTextAndNumbers() throws Exception {
    MessageSchema s = schema("""
        to: party
        about: {kind: entry, list: true, required: false}
        call: {kind: subject, protocol: hotline}
        item: item
        counts: {kind: map, of: {kind: integer, min: 0}}
        note: {kind: text, maxLength: 5}
        digest: {kind: text, pattern: "[0-9a-f]{4}"}
        body: longText
        window: duration
        day: date
        share: {kind: decimal, min: 0, max: 1}
        flag: boolean
        value: any
        """);
    String ok = """
        {"to": "RU", "about": [{"party": "US", "index": 3}], "call": "C-1", "item": "MM3-01",
         "counts": {"B52-1": 0}, "note": "short", "digest": "00af", "body": "two\\nlines",
         "window": "PT48H", "day": "2020-10-15", "share": 0.5, "flag": true, "value": {"x": [1]}}
        """;
    assertThat(errors(s, ok)).isEmpty();
    assertThat(errors(s, ok.replace("\"RU\"", "\"CN\""))).extracting(FieldError::toString)
        .containsExactly("to: expected a participant of the agreement (RU, US)");
    assertThat(errors(s, ok.replace("\"index\": 3", "\"index\": -1")))
        .extracting(FieldError::path).containsExactly("about[0]");
    assertThat(errors(s, ok.replace("\"C-1\"", "\"C 1\""))).extracting(FieldError::path)
        .containsExactly("call");
    assertThat(errors(s, ok.replace("\"MM3-01\"", "\"\""))).extracting(FieldError::path)
        .containsExactly("item");
    assertThat(errors(s, ok.replace("\"B52-1\": 0", "\"B52-1\": -2"))).extracting(FieldError::path)
        .containsExactly("counts.B52-1");
    assertThat(errors(s, ok.replace("\"short\"", "\"longer\""))).extracting(FieldError::problem)
        .containsExactly("expected a single line of text of at most 5 characters");
    assertThat(errors(s, ok.replace("\"short\"", "\"a\\nb\""))).hasSize(1);
    assertThat(errors(s, ok.replace("\"00af\"", "\"00AG\""))).extracting(FieldError::path)
        .containsExactly("digest");
    assertThat(errors(s, ok.replace("\"PT48H\"", "\"48 hours\""))).extracting(FieldError::problem)
        .containsExactly("expected an ISO 8601 duration such as PT48H or P14D");
    assertThat(errors(s, ok.replace("\"2020-10-15\"", "\"2020-02-30\"")))
        .extracting(FieldError::problem)
        .containsExactly("expected a date such as 2020-10-15");
    assertThat(errors(s, ok.replace("0.5", "1.5"))).extracting(FieldError::problem)
        .containsExactly("expected a number from 0 to 1");
    assertThat(errors(s, ok.replace("true", "\"yes\""))).hasSize(1);
  }

  @Test
  void listsAreBounded() throws Exception {
    MessageSchema s = schema("ids: {kind: id, list: true, minItems: 1, maxItems: 2}");
    assertThat(errors(s, "{\"ids\": [\"a\"]}")).isEmpty();
    assertThat(errors(s, "{\"ids\": []}")).hasSize(1);
    assertThat(errors(s, "{\"ids\": [\"a\", \"b\", \"c\"]}")).extracting(FieldError::problem)
        .containsExactly("expected a list of 1 to 2, each an identifier of 1 to 128 characters"
            + " without spaces");
    assertThat(errors(s, "{\"ids\": [\"a\", null]}")).extracting(FieldError::path)
        .containsExactly("ids[1]");
  }

  @Test
  void theCanonicalFormReadsBackToTheSameSchema() throws Exception {
    MessageSchema s = schema(LAUNCH + "\nto: party\ncall: {kind: subject, protocol: p}\n"
        + "counts: {kind: map, of: integer, maxItems: 5}\nshare: {kind: decimal, min: 0.5}\n");
    JsonNode canonical = s.json();
    assertThat(canonical.get("plannedLaunch").toString())
        .isEqualTo("{\"kind\":\"instant\",\"required\":true,\"label\":\"field.plannedLaunch\"}");
    assertThat(MessageSchema.read(canonical, "")).isEqualTo(s);
    assertThat(JSON.readValue(JSON.writeValueAsString(s), MessageSchema.class)).isEqualTo(s);
    assertThat(s.field("remarks").orElseThrow().label()).isEqualTo("field.launchRemarks");
    assertThat(s.field("remarks").orElseThrow().required()).isFalse();
  }

  @Test
  void declarationErrorsNameThePath() {
    assertThatThrownBy(() -> schema("a: instnt")).hasMessage("fields.a.kind: unknown kind 'instnt'"
        + " (one of id, text, longText, enum, integer, decimal, boolean, instant, date, duration,"
        + " point, polygon, circle, item, entry, subject, party, record, map, oneOf, any)");
    assertThatThrownBy(() -> schema("a: {kind: instant, min: 3}"))
        .hasMessage("fields.a.min: not a key of a instant field");
    assertThatThrownBy(() -> schema("a: {kind: enum}")).hasMessage("fields.a.values:"
        + " expected a list"
        + " of the allowed values");
    assertThatThrownBy(() -> schema("a: {kind: oneOf, of: [point]}"))
        .hasMessage("fields.a.of: expected a list of at least two alternatives");
    assertThatThrownBy(() -> schema("a: {kind: text, pattern: \"(\"}"))
        .hasMessageStartingWith("fields.a.pattern: not a regular expression");
    assertThatThrownBy(() -> schema("a b: text"))
        .hasMessageStartingWith("fields.a b: a field name");
  }

  /** A submarine's launch area, and only a submarine's, may be a sea or an ocean quadrant. */
  static final String AREAS = """
      missileClass: {kind: enum, values: [ICBM, SLBM]}
      launchArea:
        kind: oneOf
        of:
          - {kind: record, fields: {site: text}}
          - circle
          - {kind: record, fields: {sea: text}, when: {field: missileClass, in: [SLBM]}}
      """;

  static String area(String missileClass, String area) {
    return ("{'missileClass': '" + missileClass + "', 'launchArea': " + area + "}")
        .replace('\'', '"');
  }

  @Test
  void anAlternativeMayDependOnAnotherField() throws Exception {
    MessageSchema s = schema(AREAS);
    assertThat(errors(s, area("SLBM", "{'sea': 'Barents'}"))).isEmpty();
    assertThat(errors(s, area("ICBM", "{'site': 'Plesetsk'}"))).isEmpty();
    assertThat(errors(s, area("ICBM", "{'sea': 'Barents'}")))
        .extracting(FieldError::toString).containsExactly("launchArea: allowed only when"
            + " missileClass is SLBM (it is ICBM)");
    assertThat(errors(s, area("SLBM", "{'sea': 7}")))
        .extracting(FieldError::path).containsExactly("launchArea.sea");
    assertThat(s.json().at("/launchArea/of/2/when").toString())
        .isEqualTo("{\"field\":\"missileClass\",\"in\":[\"SLBM\"]}");
    assertThat(MessageSchema.read(s.json(), "")).isEqualTo(s);
    assertThatThrownBy(() -> schema(AREAS.replace("field: missileClass", "field: class")))
        .hasMessage("fields.launchArea.of[2].when.field: no field 'class' in this message");
    assertThatThrownBy(() -> schema(AREAS.replace("in: [SLBM]", "in: [SRBM]")))
        .hasMessage("fields.launchArea.of[2].when.in: missileClass is one of [ICBM, SLBM]");
    assertThatThrownBy(() -> schema("a: {kind: text, when: {field: b, in: [x]}}"))
        .hasMessage("fields.a.when: not a key of a text field");
  }

  /** The officer who acknowledges: the node writes it from the operator signed in (issue 14). */
  static final String ACK = """
      message: subject
      officer: {kind: text, filledBy: operator}
      """;

  @Test
  void aFieldTheNodeFillsIsLeftOutWhenComposedAndCarriedByTheEntry() throws Exception {
    MessageSchema s = schema(ACK);
    assertThat(s.nodeFilled()).extracting(Field::name).containsExactly("officer");
    ObjectNode composed = (ObjectNode) JSON.readTree("{\"message\": \"F-1\"}");
    assertThat(s.validateComposed(composed, PARTIES).errors()).isEmpty();
    assertThat(s.validate(composed, PARTIES).errors()).extracting(FieldError::toString)
        .containsExactly("officer: required: a single line of text of at most 1000 characters");
    var entry = s.fill(composed, "Maj. A. Petrova (operator apetrova)");
    assertThat(s.validate(entry, PARTIES).ok()).isTrue();
    assertThat(entry.get("officer").asText()).isEqualTo("Maj. A. Petrova (operator apetrova)");
    assertThat(s.validateComposed(entry, PARTIES).errors()).extracting(FieldError::toString)
        .containsExactly("officer: set by the node from the operator signed in; leave it out");
    assertThat(s.json().get("officer").get("filledBy").asText()).isEqualTo("operator");
    assertThat(MessageSchema.read(s.json(), "")).isEqualTo(s);
    assertThatThrownBy(() -> schema("a: {kind: instant, filledBy: operator}"))
        .hasMessage("fields.a.filledBy: only 'operator', on a text or id field");
    assertThatThrownBy(() -> schema("a: {kind: text, filledBy: clock}"))
        .hasMessage("fields.a.filledBy: only 'operator', on a text or id field");
  }
}
