package dev.verity.tlog.audit;

import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.tiles.TilePath;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 9162 §2.1.1 hashing in bulk, for the audit: the leaf hashes of an entry bundle and the root
 * of the perfect subtree over them, written into byte arrays laid out as C2SP tlog-tiles hash tiles
 * (32-byte hashes, concatenated), so a recomputed level-0 tile is compared with the stored one as
 * bytes.
 *
 * <p>Why not {@link MerkleHash#leaf} per entry: a SHA-256 call has costs beyond its compression
 * when the message is a few blocks long — each {@code update} and {@code digest}, each buffered
 * partial block (some 30 ns a call, against ~75 ns for a node's 2 blocks: decisions D89). So
 * every message here goes to one reused {@link MessageDigest} in a single {@code update} of
 * contiguous bytes, and its hash straight into the output array ({@code digest(out, off, 32)}:
 * no {@link Hash} per leaf).
 *
 * <ul>
 *   <li>A leaf is {@code 0x00 || entry}. In a bundle (tlog-tiles: "a sequence of big-endian uint16
 *       length-prefixed log entries") the byte before an entry is the low byte of its length, so it
 *       is set to 0x00 for the one {@code update} and restored after it: the entry is hashed where
 *       it lies, never copied.
 *   <li>A node is {@code 0x01 || left || right}: the two children are copied (64 bytes) behind a
 *       fixed 0x01 and hashed in one {@code update}; each level of the subtree is written over the
 *       one below it in a scratch array.
 * </ul>
 *
 * <p>Not thread-safe: one per thread. The bundle must be the caller's own array (it is changed for
 * the length of one {@code update}, then restored).
 */
final class BundleHasher {
  private final MessageDigest sha256 = newSha256();
  private final byte[] node = new byte[1 + 2 * Hash.SIZE];
  private final byte[] level = new byte[TilePath.WIDTH / 2 * Hash.SIZE];

  BundleHasher() {
    node[0] = MerkleHash.NODE_PREFIX;
  }

  /**
   * The leaf hashes of a bundle's entries, concatenated. Entry i is the bytes from {@code at[i] +
   * 2} up to {@code at[i + 1]}, as {@link dev.verity.tlog.tiles.EntryBundle#index} returns them.
   */
  byte[] leafHashes(byte[] bundle, int[] at) {
    int n = at.length - 1;
    byte[] out = new byte[n * Hash.SIZE];
    for (int i = 0; i < n; i++) {
      int prefix = at[i] + 1; // the length's low byte, just before the entry
      byte saved = bundle[prefix];
      bundle[prefix] = MerkleHash.LEAF_PREFIX;
      sha256.update(bundle, prefix, at[i + 1] - prefix);
      bundle[prefix] = saved;
      digestInto(out, i * Hash.SIZE);
    }
    return out;
  }

  /** The root of the perfect subtree over 256 concatenated hashes (the Merkle level-8 node). */
  Hash subtreeRoot(byte[] hashes) {
    if (hashes.length != TilePath.WIDTH * Hash.SIZE) {
      throw new IllegalArgumentException(
          "a full tile's 256 hashes are needed, got " + hashes.length + " bytes");
    }
    halve(hashes, TilePath.WIDTH);
    for (int n = TilePath.WIDTH / 2; n > 1; n /= 2) {
      halve(level, n); // in place: node j is written at 32·j, after its children at 64·j are read
    }
    return Hash.of(level, 0, Hash.SIZE);
  }

  /** Hashes the {@code n} hashes of {@code from} pairwise into the first n/2 of the scratch. */
  private void halve(byte[] from, int n) {
    for (int j = 0; j < n / 2; j++) {
      System.arraycopy(from, 2 * j * Hash.SIZE, node, 1, 2 * Hash.SIZE);
      sha256.update(node);
      digestInto(level, j * Hash.SIZE);
    }
  }

  private void digestInto(byte[] out, int off) {
    try {
      sha256.digest(out, off, Hash.SIZE);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 output must fit 32 bytes", e);
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
