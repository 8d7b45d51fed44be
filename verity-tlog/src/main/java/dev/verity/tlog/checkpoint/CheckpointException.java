package dev.verity.tlog.checkpoint;

/**
 * A checkpoint body does not follow C2SP tlog-checkpoint (an origin line, the size in strict
 * decimal, the root as base64 of 32 bytes, non-empty extension lines, each line ending in a
 * newline), or its C2SP signed-note does not verify (the cause is the {@code NoteException}).
 */
public final class CheckpointException extends Exception {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
