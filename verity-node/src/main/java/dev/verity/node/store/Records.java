package dev.verity.node.store;

/** Namespace for the rows the {@link NodeStore} keeps. */
public final class Records {
  private Records() {}

  /**
   * One entry of any Party's log as this node knows it.
   *
   * @param party the Party whose log holds it
   * @param index its index in that log
   * @param leafHash RFC 9162 leaf hash, hex
   * @param storedAt when this node stored it (for inbound entries: when it was received)
   * @param clientId the submitter's idempotency key (own entries only), or null
   * @param requestDigest SHA-256 (hex) of the request that made an own entry (its type and
   *     message as submitted), so that a client id reused for another message is told apart
   *     from a retry; null when unknown (entries re-indexed from the log after a crash)
   */
  public record MessageRow(String party, long index, String type, String leafHash, byte[] entry,
      java.time.Instant storedAt, String clientId, String requestDigest) {
    public MessageRow(String party, long index, String type, String leafHash, byte[] entry,
        java.time.Instant storedAt, String clientId) {
      this(party, index, type, leafHash, entry, storedAt, clientId, null);
    }
  }

  /**
   * A cosignature by {@code witness} of {@code logParty}'s checkpoint of {@code size}. Kept by
   * both sides: the sender stores the peer's cosignature as its receipt, the peer stores its own.
   * Both therefore date an entry's receipt (the date of provision) by the same signed timestamp:
   * the first cosignature of a checkpoint covering it.
   *
   * @param line the cosignature line (C2SP signed-note signature line)
   * @param cosignedAt the cosignature's signed timestamp, POSIX seconds
   */
  public record Cosignature(String logParty, String witness, long size, String line, long cosignedAt,
      java.time.Instant storedAt) {}

  /**
   * What this node knows of a peer: how far its own log was offered to the peer (published) and
   * cosigned by it, and how far it has verified and applied the peer's log (mirrored).
   */
  public record PeerPosition(String peer, long publishedSize, long cosignedSize, long mirroredSize,
      String mirroredCheckpoint, java.time.Instant lastContact) {
    public static PeerPosition initial(String peer) {
      return new PeerPosition(peer, 0, 0, 0, null, null);
    }
  }

  /** Something a peer did that must not be trusted: fork, altered entry, bad signature. */
  public record Alarm(long id, String peer, String kind, String detail, java.time.Instant at) {}

  /** One mutation and who made it. */
  public record AuditRecord(long id, java.time.Instant at, String actor, String action, String detail) {}

  /** An API token (only its SHA-256 is stored). */
  public record TokenRow(String hash, String name, String role, java.time.Instant createdAt) {}
}
