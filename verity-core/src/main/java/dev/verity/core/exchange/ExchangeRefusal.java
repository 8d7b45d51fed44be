package dev.verity.core.exchange;

/**
 * Why a step was refused: a reason a program branches on, and the same in plain words. A refused
 * step changes nothing.
 */
public record ExchangeRefusal(Reason reason, String words) {
  /** The rule a refused step broke. */
  public enum Reason {
    /** Sent by a participant whose role does not send it. */
    WRONG_SENDER,
    /** For another exchange. */
    WRONG_EXCHANGE,
    /** A category the arrangement does not have. */
    UNKNOWN_CATEGORY,
    /** A stage the arrangement does not have. */
    UNKNOWN_STAGE,
    /** A list not committed, or not with that root. */
    UNKNOWN_LIST,
    /** Already done: the list, its blinding, the report or the attestation exists. */
    DUPLICATE,
    /** Not as many values as the list has entries. */
    SIZE_MISMATCH,
    /** An entry on none of the lists it must be on. */
    NOT_ON_LIST,
    /** A person already handed over. */
    ALREADY_HANDED_OVER,
    /** A wounded or sick person with no attestation of consent to return (GC III Art. 109). */
    CONSENT_MISSING,
    /** A wounded or sick person who refused to return (GC III Art. 109 para. 3). */
    CONSENT_REFUSED,
    /** A number out of sequence (mediation numbers, identification counts going down). */
    OUT_OF_SEQUENCE,
    /** A field missing, out of range, or inconsistent with another. */
    MALFORMED
  }

  static ExchangeRefusal of(Reason r, String words) {
    return new ExchangeRefusal(r, words);
  }
}
