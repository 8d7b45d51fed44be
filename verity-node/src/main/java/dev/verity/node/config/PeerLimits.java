package dev.verity.node.config;

/**
 * What this node takes from each peer at a time ({@code peerLimits} in {@code node.yaml}), so that
 * its memory does not depend on a peer's log: entries are fetched, checked and stored in steps of
 * at most {@link #maxEntriesPerFetch} entries and {@link #maxBytesPerFetch} bytes (the step that
 * passes the byte limit ends with its bundle), each entry at most {@link #maxEntryBytes}.
 * docs/user/node.md gives the heap these need.
 *
 * @param maxEntryBytes the largest entry accepted from a peer; a larger one stops its mirror with
 *     an {@code entry-too-large} alarm (C2SP tlog-tiles: at most 65,535)
 */
public record PeerLimits(int maxEntryBytes, int maxEntriesPerFetch, long maxBytesPerFetch) {
  public static final int MAX_ENTRY = 65_535;
  public static final PeerLimits DEFAULTS = new PeerLimits(MAX_ENTRY, 1024, 8L << 20);

  public PeerLimits {
    maxEntryBytes = maxEntryBytes <= 0 ? MAX_ENTRY : maxEntryBytes;
    maxEntriesPerFetch = maxEntriesPerFetch <= 0 ? 1024 : maxEntriesPerFetch;
    maxBytesPerFetch = maxBytesPerFetch <= 0 ? 8L << 20 : maxBytesPerFetch;
    if (maxEntryBytes > MAX_ENTRY) {
      throw new IllegalArgumentException(
          "peerLimits.maxEntryBytes: at most "
              + MAX_ENTRY
              + " (C2SP tlog-tiles), not "
              + maxEntryBytes);
    }
    if (maxBytesPerFetch < maxEntryBytes) {
      throw new IllegalArgumentException(
          "peerLimits.maxBytesPerFetch: at least maxEntryBytes ("
              + maxEntryBytes
              + "), not "
              + maxBytesPerFetch);
    }
  }

  /** One entry bundle of 256 entries as read from the wire (each with its 2-byte length). */
  public long bundleBytes() {
    return 256L * (maxEntryBytes + 2);
  }

  /** The most a peer's mirror holds at once: a step, and a bundle as read and as parsed. */
  public long bytesPerPeer() {
    return maxBytesPerFetch + 2 * bundleBytes();
  }
}
