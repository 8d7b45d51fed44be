package dev.verity.tlog.merkle;

import java.io.IOException;

/**
 * Reads stored hashes of complete subtrees. The node at {@code level} L and {@code index} i is
 * the root of leaves {@code [i·2^L, (i+1)·2^L)}, MTH of that range (RFC 9162 §2.1.1); level 0
 * holds the leaf hashes. A reader is only asked for subtrees that lie entirely within the tree
 * it was built for, so every answer is immutable (C2SP tlog-tiles stores every eighth level).
 */
@FunctionalInterface
public interface HashReader {
  Hash nodeHash(int level, long index) throws IOException;
}
