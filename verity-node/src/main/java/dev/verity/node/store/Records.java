package dev.verity.node.store;

import java.time.Instant;

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
      Instant storedAt, String clientId, String requestDigest) {
    public MessageRow(String party, long index, String type, String leafHash, byte[] entry,
        Instant storedAt, String clientId) {
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
      Instant storedAt) {}

  /**
   * What this node knows of a peer: how far its own log was offered to the peer (published) and
   * cosigned by it, and how far it has verified and applied the peer's log (mirrored).
   */
  public record PeerPosition(String peer, long publishedSize, long cosignedSize, long mirroredSize,
      String mirroredCheckpoint, Instant lastContact) {
    public static PeerPosition initial(String peer) {
      return new PeerPosition(peer, 0, 0, 0, null, null);
    }
  }

  /**
   * Something a peer did that must not be trusted (fork, altered entry, bad signature), or this
   * node's own storage failing its check ({@code storage-corrupt}, {@link #peer} this node's
   * Party). Repeats of one kind from one peer on one channel are one alarm, counted.
   *
   * @param source where it was seen: {@code push} (the peer's requests), {@code poll} (what the
   *     peer's log serves), {@code bundle} (an air-gap bundle), {@code storage} (this node's files)
   * @param detail what was seen the last time
   * @param at when it was first seen
   * @param lastSeen when it was last seen
   * @param count how many times it was seen
   */
  public record Alarm(long id, String peer, String kind, String source, String detail,
      Instant at, Instant lastSeen, long count) {}

  /** The channels of {@link Alarm#source}. */
  public static final String PUSH = "push";
  public static final String POLL = "poll";
  public static final String BUNDLE = "bundle";
  public static final String STORAGE = "storage";

  /**
   * One verified step of a peer's log: its entries {@code [from, from + rows)}, the hash tiles
   * they complete or change (C2SP tlog-tiles encoding, keyed by level and index, each at its new
   * width), and the checkpoint state once they are in: {@code checkpoint} when the step reaches
   * that signed checkpoint's size (null: unchanged), or else {@code pending}, the signed
   * checkpoint the step was proven a prefix of, with {@code proof}, the consistency proof from the
   * step's end to it (RFC 9162, base64 hashes, one per line).
   */
  public record MirrorStep(String peer, long from, java.util.List<MessageRow> rows,
      java.util.Map<dev.verity.tlog.tiles.TileId, byte[]> tiles, String checkpoint, String pending,
      String proof) {}

  /** A peer's signed checkpoint the mirror is a proven prefix of, and the proof (MirrorStep). */
  public record MirrorPending(String checkpoint, String proof) {}

  /** One mutation and who made it. */
  public record AuditRecord(long id, Instant at, String actor, String action, String detail) {}

  /**
   * A page of the audit trail, newest first: rows with an id below {@code before} (0: from the
   * newest), of {@code actor} and {@code action} when given (exact), at or after {@code since} and
   * before {@code until} when given.
   */
  public record AuditQuery(long before, String actor, String action, Instant since,
      Instant until, int limit) {
    public static AuditQuery latest(int limit) {
      return new AuditQuery(0, null, null, null, null, limit);
    }
  }

  /** An API token (only its SHA-256 is stored). */
  public record TokenRow(String hash, String name, String role, Instant createdAt) {}
}
