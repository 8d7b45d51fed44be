package dev.verity.tlog.merkle;

import java.util.Objects;

/**
 * A Merkle proof — inclusion (RFC 9162 §2.1.3.2), consistency (§2.1.4.2) or a subtree proof
 * (draft-ietf-plants-merkle-tree-certs §4.3, §4.4.3) — does not prove what it claims. The
 * verifiers follow the RFC's algorithms step by step; {@link #reason()} says at which kind of
 * step they failed, so a caller branches on it and never on the message, which is for people.
 */
public final class ProofException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a proof was refused. */
  public enum Reason {
    /**
     * What is to be proven cannot be: an index not below the tree size, a new size below the
     * old one, a consistency proof from the empty tree, a range that is not a subtree. No hash
     * was looked at.
     */
    OUT_OF_RANGE,
    /**
     * The proof holds more or fewer hashes than its index and sizes call for (the RFC's
     * verifiers fail when the path runs out early or has hashes left over).
     */
    WRONG_LENGTH,
    /**
     * The proof is well-formed, but what it leads to is not the root (or subtree hash, or old
     * root) it was checked against: the leaf, its index or the root differs from what was
     * committed.
     */
    ROOT_MISMATCH
  }

  private final Reason reason;

  public ProofException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
