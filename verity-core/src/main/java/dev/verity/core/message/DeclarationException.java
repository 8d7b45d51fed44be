package dev.verity.core.message;

/** A declaration or notification that cannot be read or does not fit its agreement; the message
 * names the file and the line or field path. */
public final class DeclarationException extends Exception {
  private static final long serialVersionUID = 1L;

  public DeclarationException(String message) {
    super(message);
  }

  public DeclarationException(String message, Throwable cause) {
    super(message, cause);
  }
}
