package dev.verity.tlog.checkpoint;

/** A checkpoint is malformed, or its signed note does not verify. */
public final class CheckpointException extends Exception {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
