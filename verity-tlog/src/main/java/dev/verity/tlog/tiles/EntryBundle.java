package dev.verity.tlog.tiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of an entry bundle. C2SP tlog-tiles: "an entry bundle is a sequence of big-endian
 * uint16 length-prefixed log entries", so one entry is at most 65535 bytes. Parsing is strict:
 * no truncated entry, no trailing bytes, 1–256 entries and, when the caller knows it, exactly
 * the bundle's width.
 */
public final class EntryBundle {
  /** The largest entry a bundle can carry: its length must fit the uint16 prefix. */
  public static final int MAX_ENTRY_SIZE = 0xFFFF;

  private EntryBundle() {}

  /** Parses a bundle of 1–256 entries. */
  public static List<byte[]> parse(byte[] data) throws TileFormatException {
    int[] at = index(data);
    List<byte[]> entries = new ArrayList<>(at.length - 1);
    for (int i = 0; i + 1 < at.length; i++) {
      entries.add(Arrays.copyOfRange(data, at[i] + 2, at[i + 1]));
    }
    return entries;
  }

  /**
   * Validates a bundle of 1–256 entries without copying them: entry i is
   * {@code data[at[i] + 2 .. at[i + 1])}, where {@code at} is the result (one longer than the
   * number of entries; {@code at[w]} is also the length of the first w entries' encoding).
   */
  public static int[] index(byte[] data) throws TileFormatException {
    int[] at = new int[TilePath.WIDTH + 1];
    int n = 0;
    int off = 0;
    while (off < data.length) {
      if (n == TilePath.WIDTH) {
        throw new TileFormatException("bundle has more than 256 entries");
      }
      if (data.length - off < 2) {
        throw new TileFormatException("bundle entry " + n + " at byte " + off
            + " has a truncated length prefix");
      }
      int len = ((data[off] & 0xFF) << 8) | (data[off + 1] & 0xFF);
      if (data.length - off - 2 < len) {
        throw new TileFormatException("bundle entry " + n + " claims " + len
            + " bytes but only " + (data.length - off - 2) + " remain");
      }
      at[n++] = off;
      off += 2 + len;
    }
    if (n == 0) {
      throw new TileFormatException("bundle is empty");
    }
    at[n] = off;
    return Arrays.copyOf(at, n + 1);
  }

  /** {@link #index(byte[])} of a bundle that must hold exactly {@code width} entries. */
  public static int[] index(byte[] data, int width) throws TileFormatException {
    int[] at = index(data);
    if (at.length - 1 != width) {
      throw new TileFormatException(
          "bundle of width " + width + " holds " + (at.length - 1) + " entries");
    }
    return at;
  }

  /** Parses a bundle that must hold exactly {@code width} entries. */
  public static List<byte[]> parse(byte[] data, int width) throws TileFormatException {
    index(data, width);
    return parse(data);
  }

  /** Formats 1–256 entries, each at most 65535 bytes. */
  public static byte[] format(List<byte[]> entries) {
    if (entries.isEmpty() || entries.size() > TilePath.WIDTH) {
      throw new IllegalArgumentException("a bundle holds 1-256 entries, got " + entries.size());
    }
    int total = 0;
    for (byte[] e : entries) {
      checkEntrySize(e.length);
      total += 2 + e.length;
    }
    // sized once: the sequencer formats the growing partial bundle at every batch (issue 18)
    byte[] out = new byte[total];
    int at = 0;
    for (byte[] e : entries) {
      out[at] = (byte) (e.length >>> 8);
      out[at + 1] = (byte) e.length;
      System.arraycopy(e, 0, out, at + 2, e.length);
      at += 2 + e.length;
    }
    return out;
  }

  /** Refuses an entry too large for a bundle, with the reason. */
  public static void checkEntrySize(int length) {
    if (length > MAX_ENTRY_SIZE) {
      throw new IllegalArgumentException("entry of " + length + " bytes exceeds the 65535-byte "
          + "limit of C2SP tlog-tiles entry bundles (uint16 length prefix)");
    }
  }
}
