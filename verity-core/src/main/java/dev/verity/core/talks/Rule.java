package dev.verity.core.talks;

import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Refusal.Kind;

/**
 * The talks' rules, each a kind of refusal a program branches on and a name: a refused step is
 * refused as {@code talks/<rule>} ({@code talks/not-initialled}), and changes nothing.
 */
public enum Rule implements Refusal.Rule {
  MALFORMED(Kind.MALFORMED),
  UNKNOWN_PARTICIPANT(Kind.WRONG_ROLE),
  /** The sender's role may not take this step, or it acts for another delegation. */
  WRONG_SENDER(Kind.WRONG_ROLE),
  /** Earlier than the last step accepted. */
  OUT_OF_ORDER(Kind.WRONG_STATE),
  DUPLICATE(Kind.SUBJECT),
  UNKNOWN_ROUND(Kind.SUBJECT),
  UNKNOWN_TRACK(Kind.UNKNOWN_REFERENCE),
  UNKNOWN_TEXT(Kind.SUBJECT),
  /** The hash names no version of the text: there is nothing with that wording to sign. */
  UNKNOWN_HASH(Kind.MISMATCH),
  /** A position paper or a proposal: one side's text, not initialled or signed jointly. */
  NOT_AGREEABLE(Kind.NOT_ALLOWED),
  /** Signing a version that not every signatory has initialled. */
  NOT_INITIALLED(Kind.GATE),
  /** The text is agreed: it takes no more versions, initials or signatures. */
  ALREADY_AGREED(Kind.WRONG_STATE),
  UNKNOWN_ITEM(Kind.SUBJECT);

  private final Kind kind;

  Rule(Kind kind) {
    this.kind = kind;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public String regime() {
    return TalksRegime.ID;
  }
}
