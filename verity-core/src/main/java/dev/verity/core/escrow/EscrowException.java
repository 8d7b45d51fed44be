package dev.verity.core.escrow;

/** A declaration that cannot be committed or revealed as asked. */
public final class EscrowException extends Exception {
  public EscrowException(String message) {
    super(message);
  }

  public EscrowException(String message, Throwable cause) {
    super(message, cause);
  }
}
