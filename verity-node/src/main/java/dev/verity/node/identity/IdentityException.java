package dev.verity.node.identity;

/** Keys or identity files that cannot be created, read or trusted. */
public final class IdentityException extends Exception {
  private static final long serialVersionUID = 1L;

  public IdentityException(String message) {
    super(message);
  }

  public IdentityException(String message, Throwable cause) {
    super(message, cause);
  }
}
