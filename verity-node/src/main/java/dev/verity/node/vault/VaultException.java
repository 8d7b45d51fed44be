package dev.verity.node.vault;

/** The vault cannot do what was asked; {@link #reason()} says which case, the message in words. */
public final class VaultException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that branch. */
  public enum Reason {
    /** The key file is missing, unreadable, readable by others, or inside the vault folder. */
    KEY_FILE,
    /** The vault folder or file cannot be created, read or written, or is open to others. */
    STORAGE,
    /** The vault file does not decrypt under the key: the wrong key, or an altered file. */
    WRONG_KEY_OR_ALTERED,
    /** No such list or person in the vault, or the list's retention has ended. */
    NOT_FOUND,
    /** The person or the list was erased: it can no longer be opened (the log is intact). */
    ERASED,
    /** The data were not collected for this purpose. */
    PURPOSE,
    /** The list file has problems (each named by line and column). */
    INPUT
  }

  private final Reason reason;

  public VaultException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public VaultException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
