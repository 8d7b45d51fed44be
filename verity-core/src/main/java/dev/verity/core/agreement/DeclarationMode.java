package dev.verity.core.agreement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a Party's declarations are published under an agreement. */
public enum DeclarationMode {
  /** The full database is exchanged (New START). */
  OPEN,
  /**
   * Only a commitment (a Merkle root over salted item records) and the aggregates are published;
   * items are revealed selectively with inclusion proofs (docs/formats/escrow.md).
   */
  ESCROW;

  @JsonCreator
  public static DeclarationMode parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
