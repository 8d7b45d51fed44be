package dev.verity.core.inventory;

import com.fasterxml.jackson.annotation.JsonValue;

/** An item's status, derived by the agreement's rules (New START Protocol Part One). */
public enum ItemStatus {
  DEPLOYED("deployed"),
  NON_DEPLOYED("non-deployed"),
  NOT_COUNTED("not-counted");

  private final String label;

  ItemStatus(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }

  public static ItemStatus parse(String s) {
    for (ItemStatus v : values()) {
      if (v.label.equals(s)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown status '" + s + "'");
  }
}
