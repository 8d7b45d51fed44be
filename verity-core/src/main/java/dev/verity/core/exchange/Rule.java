package dev.verity.core.exchange;

import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Refusal.Kind;

/**
 * The rules of the exchanges, the mediator's tally and the repatriation of bodies, each a kind of
 * refusal a program branches on and a name: a refused step is refused as {@code
 * <regime>/<rule>} ({@code exchange/consent-missing}), and changes nothing.
 */
public enum Rule {
  /** Sent by a participant whose role does not send it. */
  WRONG_SENDER(Kind.WRONG_ROLE),
  /** For an exchange that was not arranged. */
  WRONG_EXCHANGE(Kind.SUBJECT),
  /** A category the arrangement does not have. */
  UNKNOWN_CATEGORY(Kind.UNKNOWN_REFERENCE),
  /** A stage the arrangement does not have. */
  UNKNOWN_STAGE(Kind.UNKNOWN_REFERENCE),
  /** A list not committed, or not with that root. */
  UNKNOWN_LIST(Kind.UNKNOWN_REFERENCE),
  /** A part number outside the parts its list was declared in. */
  UNKNOWN_PART(Kind.UNKNOWN_REFERENCE),
  /** A part whose entries are not as many, or do not hash to the root, its list declared. */
  PART_MISMATCH(Kind.MISMATCH),
  /** Already done: the arrangement, the list, its blinding, the report or the attestation. */
  DUPLICATE(Kind.SUBJECT),
  /** Not as many values as the list has entries. */
  SIZE_MISMATCH(Kind.MISMATCH),
  /** An entry on none of the lists it must be on. */
  NOT_ON_LIST(Kind.UNKNOWN_REFERENCE),
  /** A person already handed over. */
  ALREADY_HANDED_OVER(Kind.CONFLICT),
  /** A wounded or sick person with no attestation of consent to return (GC III Art. 109). */
  CONSENT_MISSING(Kind.GATE),
  /** A wounded or sick person who refused to return (GC III Art. 109 para. 3). */
  CONSENT_REFUSED(Kind.NOT_ALLOWED),
  /** A number out of sequence (mediation numbers, identification counts going down). */
  OUT_OF_SEQUENCE(Kind.WRONG_STATE),
  /** A field missing, out of range, or inconsistent with another. */
  MALFORMED(Kind.MALFORMED);

  private final Kind kind;

  Rule(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The rule's name under regime {@code regime}: {@code exchange/consent-missing}. */
  public String id(String regime) {
    return Refusal.Rule.id(regime, name());
  }

  /** A refusal under this rule in {@code regime}, with the reason in words. */
  public Refusal refusal(String regime, String words) {
    return new Refusal(kind, id(regime), words);
  }
}
