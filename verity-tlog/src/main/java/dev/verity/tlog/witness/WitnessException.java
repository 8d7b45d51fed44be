package dev.verity.tlog.witness;

/**
 * An add-checkpoint request body does not follow C2SP tlog-witness, or the witness state cannot
 * be read or written. {@link Witness#addCheckpoint} turns these into the spec's status codes
 * (400 and 500); only callers of the parts see the exception.
 */
public final class WitnessException extends Exception {
  private static final long serialVersionUID = 1L;

  public WitnessException(String message) {
    super(message);
  }

  public WitnessException(String message, Throwable cause) {
    super(message, cause);
  }
}
