package dev.verity.node.backup;

/** A backup that cannot be written, or an archive that cannot be restored, and why. */
public final class BackupException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that branch on it (the CLI's exit codes). */
  public enum Reason {
    /** The archive is not a Verity backup, or a file in it does not match its recorded hash. */
    DAMAGED,
    /** The passphrase does not open the sealed key files. */
    WRONG_PASSPHRASE,
    /** The target directory is not empty, the source is not a node, or keys are missing. */
    REFUSED,
    /** The restored node does not verify against its signed trees. */
    DOES_NOT_VERIFY
  }

  private final Reason reason;

  public BackupException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
