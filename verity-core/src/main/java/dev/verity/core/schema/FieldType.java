package dev.verity.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What one field holds and how its JSON value is checked. Every type bounds what it accepts (text
 * length, list size, number range), so that a valid message also fits in a log entry. Each says
 * what it expects in plain words, for error messages.
 */
public sealed interface FieldType {
  /** Longest identifier (items, facilities, subjects, sessions). */
  int ID_LENGTH = 128;
  /** Most elements of a list or entries of a map unless the agreement says otherwise. */
  int MAX_ITEMS = 1000;

  Kind kind();

  /** What a value must look like, in plain words ("an ISO 8601 UTC instant such as ..."). */
  String expected();

  /** Checks {@code value} (never null, never JSON null), reporting problems at {@code path}. */
  void check(JsonNode value, String path, Checker c);

  /** The type in the canonical form of an agreement file ({@code {"kind": ..., ...}}). */
  default ObjectNode json() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("kind", kind().label());
    return o;
  }

  /** Identifiers and text: at most {@code maxLength} characters, matching {@code pattern}. */
  record Text(Kind kind, int maxLength, String pattern) implements FieldType {
    static final int TEXT_LENGTH = 1000;
    static final int LONG_TEXT_LENGTH = 16000;
    /** Compiled patterns, by their text: an agreement declares a handful. */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    public Text {
      if (pattern != null) {
        COMPILED.computeIfAbsent(pattern, Pattern::compile); // fails here, when declared
      }
    }

    @Override
    public String expected() {
      String what = switch (kind) {
        case ID, ITEM -> "an identifier of 1 to " + maxLength + " characters without spaces";
        case LONG_TEXT -> "a text of at most " + maxLength + " characters";
        default -> "a single line of text of at most " + maxLength + " characters";
      };
      return pattern == null ? what : what + " matching " + pattern;
    }

    @Override
    public void check(JsonNode v, String path, Checker c) {
      String s = v.isTextual() ? v.asText() : null;
      if (s == null || s.isEmpty() || s.length() > maxLength || !allowed(s)
          || (pattern != null && !COMPILED.get(pattern).matcher(s).matches())) {
        c.error(path, "expected " + expected());
      }
    }

    private boolean allowed(String s) {
      boolean identifier = kind == Kind.ID || kind == Kind.ITEM;
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        boolean newline = ch == '\n' || ch == '\t' || ch == '\r';
        if ((identifier && Character.isWhitespace(ch))
            || (Character.isISOControl(ch) && !(kind == Kind.LONG_TEXT && newline))) {
          return false;
        }
      }
      return !s.isBlank();
    }

    @Override
    public ObjectNode json() {
      ObjectNode o = FieldType.super.json();
      o.put("maxLength", maxLength);
      if (pattern != null) {
        o.put("pattern", pattern);
      }
      return o;
    }
  }

  /** One of a fixed list of words ({@code kind: enum}). */
  record Choice(List<String> values) implements FieldType {
    public Choice {
      values = List.copyOf(values);
    }

    @Override
    public Kind kind() {
      return Kind.ENUM;
    }

    @Override
    public String expected() {
      return "one of " + String.join(", ", values);
    }

    @Override
    public void check(JsonNode v, String path, Checker c) {
      if (!v.isTextual() || !values.contains(v.asText())) {
        c.error(path, "expected " + expected());
      }
    }

    @Override
    public ObjectNode json() {
      ObjectNode o = FieldType.super.json();
      values.forEach(o.putArray("values")::add);
      return o;
    }
  }

  /** A whole number, within the bounds that are set. */
  record Int(Long min, Long max) implements FieldType {
    @Override
    public Kind kind() {
      return Kind.INTEGER;
    }

    @Override
    public String expected() {
      return "an integer" + Bounds.words(min, max);
    }

    @Override
    public void check(JsonNode v, String path, Checker c) {
      if (!v.isIntegralNumber() || !v.canConvertToLong()
          || (min != null && v.asLong() < min) || (max != null && v.asLong() > max)) {
        c.error(path, "expected " + expected());
      }
    }

    @Override
    public ObjectNode json() {
      return Bounds.put(FieldType.super.json(), min, max);
    }
  }

  /** A number, within the bounds that are set. */
  record Decimal(Double min, Double max) implements FieldType {
    @Override
    public Kind kind() {
      return Kind.DECIMAL;
    }

    @Override
    public String expected() {
      return "a number" + Bounds.words(min, max);
    }

    @Override
    public void check(JsonNode v, String path, Checker c) {
      double d = v.asDouble();
      if (!v.isNumber() || !Double.isFinite(d) || (min != null && d < min)
          || (max != null && d > max)) {
        c.error(path, "expected " + expected());
      }
    }

    @Override
    public ObjectNode json() {
      return Bounds.put(FieldType.super.json(), min, max);
    }
  }

  /** A value whose shape the kind alone fixes: times, places, references, booleans. */
  record Basic(Kind kind) implements FieldType {
    @Override
    public String expected() {
      return Shapes.expected(kind);
    }

    @Override
    public void check(JsonNode v, String path, Checker c) {
      Shapes.check(kind, v, path, c);
    }
  }

  /** A subject of a declared protocol, by id; {@code protocol} names which, if set. */
  record SubjectRef(String protocol) implements FieldType {
    @Override
    public Kind kind() {
      return Kind.SUBJECT;
    }

    @Override
    public String expected() {
      return "the id of a " + (protocol == null ? "subject" : protocol + " subject")
          + " (1 to " + ID_LENGTH + " characters without spaces)";
    }

    @Override
    public void check(JsonNode v, String path, Checker c) {
      Checker trial = c.trial();
      new Text(Kind.ID, ID_LENGTH, null).check(v, path, trial);
      if (!trial.errors().isEmpty()) {
        c.error(path, "expected " + expected());
      }
    }

    @Override
    public ObjectNode json() {
      ObjectNode o = FieldType.super.json();
      if (protocol != null) {
        o.put("protocol", protocol);
      }
      return o;
    }
  }

  /** An object with fields of its own. */
  record Record(MessageSchema schema) implements FieldType {
    @Override
    public Kind kind() {
      return Kind.RECORD;
    }

    @Override
    public String expected() {
      return "an object with " + (schema.names().isEmpty() ? "no fields"
          : "the fields " + String.join(", ", schema.names()));
    }

    @Override
    public void check(JsonNode v, String path, Checker c) {
      schema.check(v, path, c);
    }

    @Override
    public ObjectNode json() {
      ObjectNode o = FieldType.super.json();
      o.set("fields", schema.json());
      return o;
    }
  }

  /** An object from identifiers to values of one type (e.g. armaments counted per bomber). */
  record MapOf(FieldType values, int maxItems) implements FieldType {
    @Override
    public Kind kind() {
      return Kind.MAP;
    }

    @Override
    public String expected() {
      return "an object of at most " + maxItems + " identifiers, each to " + values.expected();
    }

    @Override
    public void check(JsonNode v, String path, Checker c) {
      if (!v.isObject() || v.size() > maxItems) {
        c.error(path, "expected " + expected());
        return;
      }
      Text key = new Text(Kind.ID, ID_LENGTH, null);
      v.fields().forEachRemaining(e -> {
        String at = Checker.at(path, e.getKey());
        key.check(JsonNodeFactory.instance.textNode(e.getKey()), at, c);
        if (e.getValue().isNull()) {
          c.error(at, "expected " + values.expected());
        } else {
          values.check(e.getValue(), at, c);
        }
      });
    }

    @Override
    public ObjectNode json() {
      ObjectNode o = FieldType.super.json();
      o.set("of", values.json());
      o.put("maxItems", maxItems);
      return o;
    }
  }

  /** Exactly one of several shapes (a launch area: a site, a polygon or a circle). */
  record OneOf(List<FieldType> alternatives) implements FieldType {
    public OneOf {
      alternatives = List.copyOf(alternatives);
    }

    @Override
    public Kind kind() {
      return Kind.ONE_OF;
    }

    @Override
    public String expected() {
      return "one of: "
          + String.join("; ", alternatives.stream().map(FieldType::expected).toList());
    }

    @Override
    public void check(JsonNode v, String path, Checker c) {
      Checker claimed = null;
      for (FieldType t : alternatives) {
        Checker trial = c.trial();
        t.check(v, path, trial);
        if (trial.errors().isEmpty()) {
          return;
        }
        if (claimed == null && Shapes.claims(t, v)) {
          claimed = trial;
        }
      }
      if (claimed != null) {
        claimed.errors().forEach(e -> c.error(e.path(), e.problem()));
      } else {
        c.error(path, "expected " + expected());
      }
    }

    @Override
    public ObjectNode json() {
      ObjectNode o = FieldType.super.json();
      alternatives.forEach(t -> o.withArray("of").add(t.json()));
      return o;
    }
  }

  /**
   * An alternative of a {@code oneOf} that is allowed only when the message's top-level field
   * {@code field} has one of the values {@code in} ({@code when: {field: missileClass, in:
   * [SLBM]}}): a submarine's launch area may be a sea or an ocean quadrant, a land launch's may
   * not (1988 Agreement, Art. II.2).
   */
  record Conditional(FieldType type, String field, List<String> in) implements FieldType {
    public Conditional {
      in = List.copyOf(in);
    }

    @Override
    public Kind kind() {
      return type.kind();
    }

    @Override
    public String expected() {
      return type.expected() + " (when " + field + " is " + String.join(" or ", in) + ")";
    }

    @Override
    public void check(JsonNode v, String path, Checker c) {
      Checker trial = c.trial();
      type.check(v, path, trial);
      if (!trial.errors().isEmpty()) {
        trial.errors().forEach(e -> c.error(e.path(), e.problem()));
        return;
      }
      String is = c.top(field).map(JsonNode::asText).orElse(null);
      if (is == null || !in.contains(is)) {
        c.error(path, "allowed only when " + field + " is " + String.join(" or ", in)
            + (is == null ? "" : " (it is " + is + ")"));
      }
    }

    @Override
    public ObjectNode json() {
      ObjectNode o = type.json();
      ObjectNode when = o.putObject("when");
      when.put("field", field);
      in.forEach(when.putArray("in")::add);
      return o;
    }
  }

  /** A list of values of one type, with between {@code minItems} and {@code maxItems} of them. */
  record ListOf(FieldType element, int minItems, int maxItems) implements FieldType {
    @Override
    public Kind kind() {
      return element.kind();
    }

    @Override
    public String expected() {
      return "a list of " + (minItems > 0 ? minItems + " to " : "at most ") + maxItems
          + ", each " + element.expected();
    }

    @Override
    public void check(JsonNode v, String path, Checker c) {
      if (!v.isArray() || v.size() < minItems || v.size() > maxItems) {
        c.error(path, "expected " + expected());
        return;
      }
      for (int i = 0; i < v.size(); i++) {
        if (v.get(i).isNull()) {
          c.error(Checker.at(path, i), "expected " + element.expected());
        } else {
          element.check(v.get(i), Checker.at(path, i), c);
        }
      }
    }

    @Override
    public ObjectNode json() {
      ObjectNode o = element.json();
      o.put("list", true);
      o.put("minItems", minItems);
      o.put("maxItems", maxItems);
      return o;
    }
  }
}
