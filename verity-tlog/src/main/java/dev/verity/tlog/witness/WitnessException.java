package dev.verity.tlog.witness;

/** A witness request is malformed, or the witness state cannot be read or written. */
public final class WitnessException extends Exception {
  private static final long serialVersionUID = 1L;

  public WitnessException(String message) {
    super(message);
  }

  public WitnessException(String message, Throwable cause) {
    super(message, cause);
  }
}
