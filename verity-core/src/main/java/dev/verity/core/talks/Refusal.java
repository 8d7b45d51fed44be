package dev.verity.core.talks;

/** Why a step of the talks was refused: a reason and the same in words. It changes nothing. */
public record Refusal(Reason reason, String words) {

  /** The reasons a step is refused. */
  public enum Reason {
    MALFORMED,
    UNKNOWN_PARTICIPANT,
    /** The sender's role may not take this step, or it acts for another delegation. */
    WRONG_SENDER,
    /** Earlier than the last step accepted. */
    OUT_OF_ORDER,
    DUPLICATE,
    UNKNOWN_ROUND,
    UNKNOWN_TRACK,
    UNKNOWN_TEXT,
    /** The hash names no version of the text: there is nothing with that wording to sign. */
    UNKNOWN_HASH,
    /** A position paper or a proposal: one side's text, not initialled or signed jointly. */
    NOT_AGREEABLE,
    /** Signing a version that not every signatory has initialled. */
    NOT_INITIALLED,
    /** The text is agreed: it takes no more versions, initials or signatures. */
    ALREADY_AGREED,
    UNKNOWN_ITEM
  }

  static Refusal of(Reason reason, String words) {
    return new Refusal(reason, words);
  }
}
