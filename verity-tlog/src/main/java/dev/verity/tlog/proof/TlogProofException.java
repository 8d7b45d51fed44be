package dev.verity.tlog.proof;

/** A tlog-proof is malformed or does not verify. */
public final class TlogProofException extends Exception {
  private static final long serialVersionUID = 1L;

  public TlogProofException(String message) {
    super(message);
  }

  public TlogProofException(String message, Throwable cause) {
    super(message, cause);
  }
}
