package dev.verity.node.store;

/** The node's state store failed (I/O, constraint, corruption). */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
