package dev.verity.node.store;

/** The node's state store failed (I/O, constraint, corruption), or cannot be opened. */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a store could not be opened or used, where a caller or an operator must branch. */
  public enum Reason {
    /** The database server cannot be reached (refused, unknown host, timed out). */
    UNREACHABLE,
    /** The server refused the credentials, or the role may not use the database. */
    AUTHENTICATION,
    /** The database's schema was migrated by a newer Verity than this one. */
    SCHEMA_NEWER,
    /** The database holds tables Verity did not create (no migration history). */
    NOT_EMPTY,
    /** Any other failure: I/O, a constraint, corruption. */
    FAILED
  }

  private final Reason reason;

  public StoreException(String message, Throwable cause) {
    this(Reason.FAILED, message, cause);
  }

  public StoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
