package dev.verity.core.ceasefire;

/**
 * Why the register refused a step: a reason a program branches on and the same in plain words.
 * A refused step changes nothing.
 */
public record Refusal(Reason reason, String words) {

  /** The reasons a step is refused. */
  public enum Reason {
    /** A field is missing, out of range or badly formed. */
    MALFORMED,
    /** A category, region, context or protected-object category the vocabulary lacks. */
    NOT_IN_VOCABULARY,
    /** The sender is not a participant of the arrangement. */
    UNKNOWN_PARTICIPANT,
    /** The sender's role may not take this step. */
    WRONG_SENDER,
    /** The step is earlier than the last step the register accepted. */
    OUT_OF_ORDER,
    /** An id already used. */
    DUPLICATE,
    UNKNOWN_COMMITMENT,
    UNKNOWN_CLAIM,
    /** A countersignature names terms other than those proposed. */
    TERMS_MISMATCH,
    /** The commitment's agreed end has passed. */
    EXPIRED,
    /** A claim about an event later than its filing. */
    FUTURE_EVENT,
    /** The commitment is not (or no longer) in force. */
    NOT_IN_FORCE,
    /** A release without a release-on-breach clause, or without a recorded determination. */
    NO_DETERMINATION,
    /** A site opening that does not open the Party's sealed list, or not for this claim. */
    OPENING_INVALID
  }

  static Refusal of(Reason reason, String words) {
    return new Refusal(reason, words);
  }
}
