package dev.verity.tlog.merkle;

/** A Merkle proof is malformed or does not prove what it claims. */
public final class ProofException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProofException(String message) {
    super(message);
  }
}
