package dev.verity.core.reconcile;

/** Declarations that cannot be compared (different Parties, dates out of order). */
public final class ReconcileException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReconcileException(String message) {
    super(message);
  }
}
