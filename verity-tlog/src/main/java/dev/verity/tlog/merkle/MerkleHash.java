package dev.verity.tlog.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashing of RFC 9162 §2.1.1: {@code MTH({d}) = SHA-256(0x00 || d)} for a leaf and
 * {@code SHA-256(0x01 || left || right)} for an interior node; the empty tree's root is
 * {@code SHA-256("")}. The domain-separation prefixes stop a leaf from being passed off as a node.
 */
public final class MerkleHash {
  /** The byte a leaf's data is prefixed with before hashing (RFC 9162 §2.1.1). */
  public static final byte LEAF_PREFIX = 0x00;
  /** The byte an interior node's two children are prefixed with before hashing. */
  public static final byte NODE_PREFIX = 0x01;
  private static final ThreadLocal<NodeHasher> HASHER = ThreadLocal.withInitial(NodeHasher::new);

  /** The root of the tree of size 0. */
  public static final Hash EMPTY_ROOT = Hash.wrap(newSha256().digest());

  private MerkleHash() {}

  /** The leaf hash of one entry. */
  public static Hash leaf(byte[] entry) {
    return leaf(entry, 0, entry.length);
  }

  /** The leaf hash of {@code len} bytes of {@code buf} from {@code off}. */
  public static Hash leaf(byte[] buf, int off, int len) {
    MessageDigest md = HASHER.get().sha256;
    md.update(LEAF_PREFIX);
    md.update(buf, off, len);
    return Hash.wrap(md.digest());
  }

  /** The hash of an interior node over its two children. */
  public static Hash node(Hash left, Hash right) {
    return HASHER.get().node(left, right);
  }

  /**
   * A thread's digest, and the 65 bytes of a node's input laid out contiguously: one
   * {@code update} of the whole input costs less than three of its parts (each call, and each
   * partial block it buffers, has its own overhead).
   */
  private static final class NodeHasher {
    final MessageDigest sha256 = newSha256();
    final byte[] input = new byte[1 + 2 * Hash.SIZE];

    NodeHasher() {
      input[0] = NODE_PREFIX;
    }

    Hash node(Hash left, Hash right) {
      left.copyTo(input, 1);
      right.copyTo(input, 1 + Hash.SIZE);
      sha256.update(input);
      return Hash.wrap(sha256.digest());
    }
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
