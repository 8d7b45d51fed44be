package dev.verity.core.commission;

/** An amendment that cannot be applied, or that leaves the agreement invalid. */
public final class AmendmentException extends Exception {
  public AmendmentException(String message) {
    super(message);
  }

  public AmendmentException(String message, Throwable cause) {
    super(message, cause);
  }
}
