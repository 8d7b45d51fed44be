package dev.verity.node.entry;

/** An entry that is not a well-formed Verity envelope. */
public final class EntryException extends Exception {
  private static final long serialVersionUID = 1L;

  public EntryException(String message) {
    super(message);
  }
}
