package dev.verity.core.ceasefire;

import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Refusal.Kind;

/**
 * The register's rules, each a kind of refusal a program branches on and a name: a refused step
 * is refused as {@code ceasefire-register/<rule>} ({@code ceasefire-register/terms-mismatch}),
 * and changes nothing.
 */
public enum Rule implements Refusal.Rule {
  /** A field is missing, out of range or badly formed. */
  MALFORMED(Kind.MALFORMED),
  /** A category, region, context or protected-object category the vocabulary lacks. */
  NOT_IN_VOCABULARY(Kind.UNKNOWN_REFERENCE),
  /** The sender is not a participant of the arrangement. */
  UNKNOWN_PARTICIPANT(Kind.WRONG_ROLE),
  /** The sender's role may not take this step. */
  WRONG_SENDER(Kind.WRONG_ROLE),
  /** The step is earlier than the last step the register accepted. */
  OUT_OF_ORDER(Kind.WRONG_STATE),
  /** An id already used. */
  DUPLICATE(Kind.SUBJECT),
  UNKNOWN_COMMITMENT(Kind.SUBJECT),
  UNKNOWN_CLAIM(Kind.SUBJECT),
  /** A countersignature names terms other than those proposed. */
  TERMS_MISMATCH(Kind.MISMATCH),
  /** The commitment's agreed end has passed. */
  EXPIRED(Kind.NOT_ALLOWED),
  /** A claim about an event later than its filing. */
  FUTURE_EVENT(Kind.CONFLICT),
  /** The commitment is not (or no longer) in force. */
  NOT_IN_FORCE(Kind.NOT_ALLOWED),
  /** A release without a release-on-breach clause, or without a recorded determination. */
  NO_DETERMINATION(Kind.GATE),
  /** A site opening that does not open the Party's sealed list, or not for this claim. */
  OPENING_INVALID(Kind.MISMATCH);

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
    return CeasefireRegime.ID;
  }
}
