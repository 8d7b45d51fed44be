package dev.verity.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Reads field declarations from an agreement file. A field is a kind name ({@code eventTime:
 * instant}) or a mapping: {@code kind}, {@code required} (default true), {@code label}, {@code
 * list} with {@code minItems}/{@code maxItems}, and the kind's own keys ({@code values}, {@code
 * min}/{@code max}, {@code maxLength}/{@code pattern}, {@code fields}, {@code of}, {@code
 * protocol}). Unknown keys are errors, as everywhere in an agreement file.
 */
final class SchemaReader {
  private static final Set<String> COMMON =
      Set.of("kind", "required", "label", "list", "minItems", "maxItems", "note", "filledBy");
  /** Who may fill a field in besides its sender ({@code filledBy}), and for which kinds. */
  private static final Map<String, Set<Kind>> FILLERS =
      Map.of(Field.OPERATOR, Set.of(Kind.TEXT, Kind.ID));
  private static final Map<Kind, Set<String>> OWN = Map.of(
      Kind.ID, Set.of("maxLength", "pattern"), Kind.ITEM, Set.of("maxLength", "pattern"),
      Kind.TEXT, Set.of("maxLength", "pattern"), Kind.LONG_TEXT, Set.of("maxLength", "pattern"),
      Kind.ENUM, Set.of("values"), Kind.INTEGER, Set.of("min", "max"),
      Kind.DECIMAL, Set.of("min", "max"), Kind.SUBJECT, Set.of("protocol"),
      Kind.RECORD, Set.of("fields"), Kind.MAP, Set.of("of"));

  private SchemaReader() {}

  static MessageSchema schema(JsonNode node, String path) {
    if (!node.isObject()) {
      throw problem(path, "expected a mapping from field names to kinds");
    }
    List<Field> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.add(field(e.getKey(), e.getValue(), Checker.at(path, e.getKey())));
    }
    return new MessageSchema(out);
  }

  private static Field field(String name, JsonNode spec, String path) {
    if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw problem(path, "a field name is letters, digits and _ (starting with a letter)");
    }
    ObjectNode o = spec(spec, path);
    JsonNode req = o.get("required");
    if (req != null && !req.isBoolean()) {
      throw problem(path + ".required", "expected true or false");
    }
    JsonNode label = o.get("label");
    FieldType t = type(o, path);
    return new Field(name, t, req == null || req.asBoolean(),
        label == null ? null : label.asText(), filledBy(o, t, path));
  }

  /** {@code filledBy: operator}: a one-line text or identifier the node writes. */
  private static String filledBy(ObjectNode o, FieldType t, String path) {
    if (!o.hasNonNull("filledBy")) {
      return null;
    }
    String by = o.get("filledBy").asText();
    if (!FILLERS.containsKey(by) || !FILLERS.get(by).contains(t.kind())
        || t instanceof FieldType.ListOf) {
      throw problem(path + ".filledBy", "only 'operator', on a text or id field");
    }
    return by;
  }

  /** A specification as a mapping (a bare kind name becomes {@code {kind: NAME}}). */
  private static ObjectNode spec(JsonNode spec, String path) {
    if (spec.isTextual()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("kind", spec.asText());
      return o;
    }
    if (!spec.isObject()) {
      throw problem(path, "expected a kind (such as instant) or a mapping with a kind");
    }
    return (ObjectNode) spec;
  }

  /** The type a specification describes, list included. */
  static FieldType type(JsonNode spec, String path) {
    ObjectNode o = spec(spec, path);
    Kind kind = Kind.parse(o.path("kind").asText())
        .orElseThrow(() -> problem(path + ".kind", "unknown kind '" + o.path("kind").asText()
            + "' (one of " + String.join(", ", kinds()) + ")"));
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!COMMON.contains(k) && !OWN.getOrDefault(kind, Set.of()).contains(k)
          && !(kind == Kind.ONE_OF && k.equals("of"))) {
        throw problem(path + "." + k, "not a key of a " + kind.label() + " field");
      }
    }
    FieldType t = single(kind, o, path);
    if (!o.path("list").asBoolean(false)) {
      return t;
    }
    int min = count(o, "minItems", 0, path);
    int max = count(o, "maxItems", FieldType.MAX_ITEMS, path);
    if (min > max) {
      throw problem(path + ".minItems", "greater than maxItems " + max);
    }
    return new FieldType.ListOf(t, min, max);
  }

  private static FieldType single(Kind kind, ObjectNode o, String path) {
    return switch (kind) {
      case ID, ITEM -> text(kind, o, FieldType.ID_LENGTH, path);
      case TEXT -> text(kind, o, FieldType.Text.TEXT_LENGTH, path);
      case LONG_TEXT -> text(kind, o, FieldType.Text.LONG_TEXT_LENGTH, path);
      case ENUM -> new FieldType.Choice(words(o.get("values"), path + ".values"));
      case INTEGER -> new FieldType.Int(whole(o, "min", path), whole(o, "max", path));
      case DECIMAL -> new FieldType.Decimal(number(o, "min", path), number(o, "max", path));
      case SUBJECT -> new FieldType.SubjectRef(o.hasNonNull("protocol")
          ? o.get("protocol").asText() : null);
      case RECORD -> new FieldType.Record(schema(required(o, "fields", path), path + ".fields"));
      case MAP -> new FieldType.MapOf(type(required(o, "of", path), path + ".of"),
          count(o, "maxItems", FieldType.MAX_ITEMS, path));
      case ONE_OF -> new FieldType.OneOf(alternatives(required(o, "of", path), path + ".of"));
      default -> new FieldType.Basic(kind);
    };
  }

  private static FieldType text(Kind kind, ObjectNode o, int defaultLength, String path) {
    int max = count(o, "maxLength", defaultLength, path);
    if (max < 1) {
      throw problem(path + ".maxLength", "at least 1");
    }
    if (!o.hasNonNull("pattern")) {
      return new FieldType.Text(kind, max, null);
    }
    try {
      return new FieldType.Text(kind, max, o.get("pattern").asText());
    } catch (PatternSyntaxException e) {
      throw problem(path + ".pattern", "not a regular expression: " + e.getDescription());
    }
  }

  private static List<FieldType> alternatives(JsonNode of, String path) {
    if (!of.isArray() || of.size() < 2) {
      throw problem(path, "expected a list of at least two alternatives");
    }
    List<FieldType> out = new ArrayList<>();
    for (int i = 0; i < of.size(); i++) {
      out.add(alternative(of.get(i), Checker.at(path, i)));
    }
    return out;
  }

  /** An alternative, which may be allowed only {@code when: {field: F, in: [..]}}. */
  private static FieldType alternative(JsonNode spec, String path) {
    if (!spec.isObject() || !spec.has("when")) {
      return type(spec, path);
    }
    ObjectNode o = ((ObjectNode) spec).deepCopy();
    JsonNode when = o.remove("when");
    String at = path + ".when";
    if (!when.isObject() || !when.path("field").isTextual() || when.size() != 2) {
      throw problem(at, "expected {field: NAME, in: [values]}");
    }
    return new FieldType.Conditional(type(o, path), when.get("field").asText(),
        words(when.get("in"), at + ".in"));
  }

  /**
   * Checks that every conditional alternative in {@code s} names a top-level field of it, and
   * values that field can have when it is an enum.
   */
  static void conditions(MessageSchema s, String path) {
    for (Field f : s.fields()) {
      conditions(s, f.type(), Checker.at(path, f.name()));
    }
  }

  private static void conditions(MessageSchema top, FieldType t, String path) {
    if (t instanceof FieldType.Conditional c) {
      FieldType on = top.field(c.field()).map(Field::type).orElseThrow(() -> problem(path
          + ".when.field", "no field '" + c.field() + "' in this message"));
      if (on instanceof FieldType.Choice e && !e.values().containsAll(c.in())) {
        throw problem(path + ".when.in", c.field() + " is one of " + e.values());
      }
      conditions(top, c.type(), path);
    } else if (t instanceof FieldType.OneOf o) {
      for (int i = 0; i < o.alternatives().size(); i++) {
        conditions(top, o.alternatives().get(i), Checker.at(path, "of") + "[" + i + "]");
      }
    } else if (t instanceof FieldType.ListOf l) {
      conditions(top, l.element(), path);
    } else if (t instanceof FieldType.MapOf m) {
      conditions(top, m.values(), path + ".of");
    } else if (t instanceof FieldType.Record r) {
      r.schema().fields().forEach(f -> conditions(top, f.type(), Checker.at(path, f.name())));
    }
  }

  private static List<String> words(JsonNode values, String path) {
    if (values == null || !values.isArray() || values.isEmpty()) {
      throw problem(path, "expected a list of the allowed values");
    }
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.asText()));
    if (out.stream().distinct().count() != out.size() || out.stream().anyMatch(String::isBlank)) {
      throw problem(path, "values must be distinct and not blank");
    }
    return out;
  }

  private static JsonNode required(ObjectNode o, String key, String path) {
    if (!o.hasNonNull(key)) {
      throw problem(path + "." + key, "required for a " + o.path("kind").asText() + " field");
    }
    return o.get(key);
  }

  private static Long whole(ObjectNode o, String key, String path) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw problem(path + "." + key, "expected an integer");
    }
    return v.asLong();
  }

  private static Double number(ObjectNode o, String key, String path) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw problem(path + "." + key, "expected a number");
    }
    return v.asDouble();
  }

  private static int count(ObjectNode o, String key, int dflt, String path) {
    Long v = whole(o, key, path);
    if (v != null && (v < 0 || v > 100_000)) {
      throw problem(path + "." + key, "expected 0 to 100000");
    }
    return v == null ? dflt : v.intValue();
  }

  private static List<String> kinds() {
    List<String> out = new ArrayList<>();
    for (Kind k : Kind.values()) {
      out.add(k.label());
    }
    return out;
  }

  private static SchemaException problem(String path, String what) {
    return new SchemaException(path, what);
  }
}
