package dev.verity.tlog.proof;

/**
 * A C2SP tlog-proof is malformed, or its checkpoint (C2SP signed-note) or its inclusion proof
 * (RFC 9162 §2.1.3.2) does not verify; the cause is the {@code CheckpointException} or the
 * {@code ProofException}, whose reason says which way the proof failed.
 */
public final class TlogProofException extends Exception {
  private static final long serialVersionUID = 1L;

  public TlogProofException(String message) {
    super(message);
  }

  public TlogProofException(String message, Throwable cause) {
    super(message, cause);
  }
}
