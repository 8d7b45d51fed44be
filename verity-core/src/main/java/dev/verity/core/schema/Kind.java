package dev.verity.core.schema;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * What a field holds, by the name an agreement file gives it ({@code kind: instant}). The JSON
 * shape of each is in docs/formats/agreement.md, "Message fields".
 */
public enum Kind {
  ID("id"),
  TEXT("text"),
  LONG_TEXT("longText"),
  ENUM("enum"),
  INTEGER("integer"),
  DECIMAL("decimal"),
  BOOLEAN("boolean"),
  INSTANT("instant"),
  DATE("date"),
  DURATION("duration"),
  POINT("point"),
  POLYGON("polygon"),
  CIRCLE("circle"),
  /** A unique identifier of an accountable item. */
  ITEM("item"),
  /** A log entry, {@code {"party": "US", "index": 12}}. */
  ENTRY("entry"),
  /** A subject of a declared protocol (a call, a claim, an exchange), by its id. */
  SUBJECT("subject"),
  /** A participant of the agreement, by id. */
  PARTY("party"),
  RECORD("record"),
  MAP("map"),
  ONE_OF("oneOf"),
  /** Any JSON value; its meaning is checked by the regime that reads it (an amendment's value). */
  ANY("any");

  private final String label;

  Kind(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }

  public static Optional<Kind> parse(String s) {
    for (Kind k : values()) {
      if (k.label.equals(s)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
