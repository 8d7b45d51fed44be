package dev.verity.node.federation;

/**
 * A peer's log cannot be trusted: {@code kind} is {@code bad-signature}, {@code fork},
 * {@code altered-entry} or {@code inconsistent}; it is raised as an alarm and never cosigned.
 */
public final class FederationException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String kind;

  public FederationException(String kind, String message) {
    super(message);
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }
}
