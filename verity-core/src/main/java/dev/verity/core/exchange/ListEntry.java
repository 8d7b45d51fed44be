package dev.verity.core.exchange;

import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MerkleHash;

/**
 * One person on a committed list: the salted commitment to the record (hiding; opened only to
 * the ICRC or the mediator) and the owner's blinded match value (for matching). The Merkle leaf
 * is {@code commitment || blinded}, 64 bytes, hashed as an RFC 9162 leaf.
 */
public record ListEntry(Hash commitment, Blinded blinded) {
  /** The RFC 9162 leaf hash SHA-256(0x00 || commitment || blinded). */
  public Hash leafHash() {
    byte[] leaf = new byte[Hash.SIZE + Blinded.SIZE];
    commitment.copyTo(leaf, 0);
    System.arraycopy(blinded.unsafeBytes(), 0, leaf, Hash.SIZE, Blinded.SIZE);
    return MerkleHash.leaf(leaf);
  }
}
