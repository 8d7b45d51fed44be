package dev.verity.tlog.storage;

/**
 * Opens a checkpoint file: checks its signature(s) and origin, and returns the tree head it
 * commits to. The counterpart of {@link CheckpointSigner}.
 */
@FunctionalInterface
public interface CheckpointReader {
  TreeHead open(byte[] checkpointFile) throws InvalidCheckpointException;
}
