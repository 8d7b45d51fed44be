package dev.verity.core.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One field of a message type: its name in the message's JSON, what it holds, whether a message
 * must carry it, the key of its label in the agreement's message files (default {@code
 * field.<name>}), and who fills it in.
 *
 * @param filledBy null when the sender writes the field; {@link #OPERATOR} when the sending node
 *     writes it from the operator signed in (the duty officer who acknowledges a message, issue
 *     14): a client composing the message leaves it out, and the entry carries it
 */
public record Field(String name, FieldType type, boolean required, String label,
    String filledBy) {
  /** Filled by the node with the identity of the operator signed in, as the node sees it. */
  public static final String OPERATOR = "operator";

  public Field {
    if (label == null) {
      label = "field." + name;
    }
  }

  public Field(String name, FieldType type, boolean required, String label) {
    this(name, type, required, label, null);
  }

  /** Whether the node, not the sender, writes this field. */
  public boolean nodeFilled() {
    return filledBy != null;
  }

  /**
   * The canonical form in an agreement file: the type's keys, {@code required}, {@code label},
   * {@code filledBy} if set.
   */
  public ObjectNode json() {
    ObjectNode o = type.json();
    o.put("required", required);
    o.put("label", label);
    if (filledBy != null) {
      o.put("filledBy", filledBy);
    }
    return o;
  }
}
