package dev.verity.tlog.storage;

import dev.verity.tlog.merkle.Hash;
import java.io.IOException;

/**
 * Produces the checkpoint file a log publishes for a tree head: the complete signed note (C2SP
 * tlog-checkpoint body signed per C2SP signed-note), with its origin line and any extensions.
 * Kept abstract so that storage and sequencing do not depend on a note implementation.
 */
@FunctionalInterface
public interface CheckpointSigner {
  byte[] sign(long size, Hash root) throws IOException;
}
