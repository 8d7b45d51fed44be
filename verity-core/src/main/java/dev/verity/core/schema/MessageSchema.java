package dev.verity.core.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The typed fields of a message type, declared once in the agreement (issue 12): the node's
 * validation, the API's description and the compose form all come from it. {@link #validate}
 * checks a message's fields: every required field present, every value of its kind, no field the
 * type does not declare. Written in an agreement file as a mapping from field name to kind
 * ({@code exerciseStart: date}) or to a full specification (docs/formats/agreement.md).
 */
public final class MessageSchema {
  public static final MessageSchema EMPTY = new MessageSchema(List.of());

  private final List<Field> fields;

  public MessageSchema(List<Field> fields) {
    this.fields = List.copyOf(fields);
  }

  /**
   * Reads the mapping of an agreement file; problems name the path below {@code path}. An
   * alternative that depends on another field ({@code when}) must name a top-level field.
   */
  public static MessageSchema read(JsonNode node, String path) {
    MessageSchema s = SchemaReader.schema(node, path);
    SchemaReader.conditions(s, path);
    return s;
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static MessageSchema fromJson(JsonNode node) {
    return node == null || node.isNull() ? EMPTY : read(node, "");
  }

  /** The canonical form: each field with its kind, bounds, {@code required} and {@code label}. */
  @JsonValue
  public ObjectNode json() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    fields.forEach(f -> o.set(f.name(), f.json()));
    return o;
  }

  public List<Field> fields() {
    return fields;
  }

  /** The field names, in the order the agreement declares them. */
  public List<String> names() {
    return fields.stream().map(Field::name).toList();
  }

  public Optional<Field> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * Checks a message's fields; {@code participants} are the ids a {@code party} or {@code entry}
   * field may name. JSON null counts as absent.
   */
  public Validation validate(JsonNode message, Set<String> participants) {
    Checker c = new Checker(participants, message);
    check(message, "", c);
    return result(message, c);
  }

  /**
   * Checks a message as a client composes it, before its node fills in the fields that are the
   * node's to write ({@link Field#nodeFilled}): those must be absent, and every other field is
   * checked as {@link #validate} does. The node then writes its fields ({@link #fill}) and
   * validates the whole.
   */
  public Validation validateComposed(JsonNode message, Set<String> participants) {
    Checker c = new Checker(participants, message);
    if (message != null && message.isObject()) {
      ObjectNode rest = ((ObjectNode) message).deepCopy();
      for (Field f : fields) {
        if (f.nodeFilled() && rest.has(f.name())) {
          c.error(f.name(), "set by the node from the operator signed in; leave it out");
        }
        if (f.nodeFilled()) {
          rest.remove(f.name());
        }
      }
      new MessageSchema(fields.stream().filter(f -> !f.nodeFilled()).toList()).check(rest, "",
          c);
    } else {
      check(message, "", c);
    }
    return result(message, c);
  }

  /** The fields the node writes, not the sender ({@link Field#filledBy}). */
  public List<Field> nodeFilled() {
    return fields.stream().filter(Field::nodeFilled).toList();
  }

  /**
   * A copy of a composed message with every field the node writes from the operator set to
   * {@code operator} (the identity of the operator signed in, as the node authenticated them).
   */
  public ObjectNode fill(ObjectNode composed, String operator) {
    ObjectNode out = composed.deepCopy();
    for (Field f : fields) {
      if (Field.OPERATOR.equals(f.filledBy())) {
        out.put(f.name(), operator);
      }
    }
    return out;
  }

  private static Validation result(JsonNode message, Checker c) {
    if (!c.errors().isEmpty()) {
      return new Validation(null, c.errors());
    }
    ObjectNode clean = ((ObjectNode) message).deepCopy();
    clean.properties().removeIf(e -> e.getValue().isNull());
    return new Validation(new Fields(clean), List.of());
  }

  void check(JsonNode v, String path, Checker c) {
    if (v == null || !v.isObject()) {
      c.error(path, "expected an object with the fields " + String.join(", ", names()));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      String name = it.next().getKey();
      if (field(name).isEmpty()) {
        c.error(Checker.at(path, name), "not a field of this message" + (fields.isEmpty()
            ? " (it has none)" : " (its fields: " + String.join(", ", names()) + ")"));
      }
    }
    for (Field f : fields) {
      JsonNode x = v.get(f.name());
      if (x == null || x.isNull()) {
        if (f.required()) {
          c.error(Checker.at(path, f.name()), "required: " + f.type().expected());
        }
      } else {
        f.type().check(x, Checker.at(path, f.name()), c);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageSchema s && s.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return json().toString();
  }
}
