package dev.verity.tlog.storage;

import dev.verity.tlog.merkle.Hash;
import java.util.Objects;

/** What a checkpoint commits to: the tree size and its RFC 9162 root hash. */
public record TreeHead(long size, Hash root) {
  public TreeHead {
    if (size < 0) {
      throw new IllegalArgumentException("tree size must be >= 0, got " + size);
    }
    Objects.requireNonNull(root, "root");
  }
}
