package dev.verity.core.selection;

/**
 * Inputs from which no selection can be derived. {@link #party()} names the Party at fault when
 * there is one (a reveal that does not match its commitment), else null.
 */
public final class SelectionException extends Exception {
  private final String party;

  public SelectionException(String party, String message) {
    super(message);
    this.party = party;
  }

  public String party() {
    return party;
  }
}
