package dev.verity.core.talks;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a text is. A position paper and a proposal are one side's; a draft and a glossary
 * definition are joint texts that move draft, initialled, agreed.
 */
public enum TextKind {
  POSITION_PAPER, PROPOSAL, DRAFT, DEFINITION;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the parties initial and sign texts of this kind. */
  public boolean agreeable() {
    return this == DRAFT || this == DEFINITION;
  }
}
