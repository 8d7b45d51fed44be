package dev.verity.core.exchange;

/**
 * Something a participant still owes the exchange (no deadline: those are declared in the
 * agreement): a Party to blind the other's list ({@code count} parts of it), the parts of a list
 * it declared in parts and has not sent, or the intermediary to attest {@code count} entries of
 * a list whose category needs consent to return.
 */
public record Pending(String participant, What what, ListId list, int count) {
  /** What is owed. */
  public enum What {
    BLIND_LIST,
    LIST_PARTS,
    ATTEST_CONSENT
  }
}
