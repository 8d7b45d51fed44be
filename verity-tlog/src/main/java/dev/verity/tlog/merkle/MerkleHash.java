package dev.verity.tlog.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashing of RFC 9162 §2.1.1: {@code MTH({d}) = SHA-256(0x00 || d)} for a leaf and
 * {@code SHA-256(0x01 || left || right)} for an interior node; the empty tree's root is
 * {@code SHA-256("")}. The domain-separation prefixes stop a leaf from being passed off as a node.
 */
public final class MerkleHash {
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(MerkleHash::newSha256);

  /** The root of the tree of size 0. */
  public static final Hash EMPTY_ROOT = Hash.wrap(newSha256().digest());

  private MerkleHash() {}

  /** The leaf hash of one entry. */
  public static Hash leaf(byte[] entry) {
    return leaf(entry, 0, entry.length);
  }

  /** The leaf hash of {@code len} bytes of {@code buf} from {@code off}. */
  public static Hash leaf(byte[] buf, int off, int len) {
    MessageDigest md = SHA256.get();
    md.update(LEAF_PREFIX);
    md.update(buf, off, len);
    return Hash.wrap(md.digest());
  }

  /** The hash of an interior node over its two children. */
  public static Hash node(Hash left, Hash right) {
    MessageDigest md = SHA256.get();
    md.update(NODE_PREFIX);
    md.update(left.unsafeBytes());
    md.update(right.unsafeBytes());
    return Hash.wrap(md.digest());
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
