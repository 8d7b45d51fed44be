package dev.verity.core.exchange;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which side of an exchange a list is from: the persons a Party holds (as detaining power) and
 * offers, or the persons it asks back (as home power). Matching compares one Party's requested
 * list with the other's held list, category by category: a requested person on the held list is
 * "established" (GC III Art. 122 data confirmed by the detaining side); one on the requested
 * list only stays a tracing case.
 */
public enum ListKind {
  HELD("held"),
  REQUESTED("requested");

  private final String label;

  ListKind(String label) {
    this.label = label;
  }

  /** The name in entries and documents: {@code held}, {@code requested}. */
  @JsonValue
  public String label() {
    return label;
  }

  /** The kind named {@code label}, or null. */
  public static ListKind ofLabel(String label) {
    for (ListKind k : values()) {
      if (k.label.equals(label)) {
        return k;
      }
    }
    return null;
  }
}
