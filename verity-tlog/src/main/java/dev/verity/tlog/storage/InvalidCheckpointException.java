package dev.verity.tlog.storage;

/**
 * A checkpoint file is malformed, not signed by the expected key, or for another log: what a
 * {@link CheckpointReader} throws, whatever the checkpoint format it reads.
 */
public final class InvalidCheckpointException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidCheckpointException(String message) {
    super(message);
  }

  public InvalidCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
