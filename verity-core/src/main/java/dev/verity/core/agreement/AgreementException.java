package dev.verity.core.agreement;

/** An agreement definition that cannot be read or is inconsistent; the message names the file
 * and the line or field path. */
public final class AgreementException extends Exception {
  private static final long serialVersionUID = 1L;

  public AgreementException(String message) {
    super(message);
  }

  public AgreementException(String message, Throwable cause) {
    super(message, cause);
  }
}
