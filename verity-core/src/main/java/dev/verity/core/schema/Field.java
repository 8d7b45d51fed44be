package dev.verity.core.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One field of a message type: its name in the message's JSON, what it holds, whether a message
 * must carry it, and the key of its label in the agreement's message files (default {@code
 * field.<name>}).
 */
public record Field(String name, FieldType type, boolean required, String label) {
  public Field {
    if (label == null) {
      label = "field." + name;
    }
  }

  /** The canonical form in an agreement file: the type's keys, {@code required}, {@code label}. */
  public ObjectNode json() {
    ObjectNode o = type.json();
    o.put("required", required);
    o.put("label", label);
    return o;
  }
}
