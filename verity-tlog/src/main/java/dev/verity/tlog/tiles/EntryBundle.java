package dev.verity.tlog.tiles;

import java.io.ByteArrayOutputStream;
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
    List<byte[]> entries = new ArrayList<>();
    int off = 0;
    while (off < data.length) {
      if (entries.size() == TilePath.WIDTH) {
        throw new TileFormatException("bundle has more than 256 entries");
      }
      if (data.length - off < 2) {
        throw new TileFormatException("bundle entry " + entries.size() + " at byte " + off
            + " has a truncated length prefix");
      }
      int len = ((data[off] & 0xFF) << 8) | (data[off + 1] & 0xFF);
      off += 2;
      if (data.length - off < len) {
        throw new TileFormatException("bundle entry " + entries.size() + " claims " + len
            + " bytes but only " + (data.length - off) + " remain");
      }
      entries.add(Arrays.copyOfRange(data, off, off + len));
      off += len;
    }
    if (entries.isEmpty()) {
      throw new TileFormatException("bundle is empty");
    }
    return entries;
  }

  /** Parses a bundle that must hold exactly {@code width} entries. */
  public static List<byte[]> parse(byte[] data, int width) throws TileFormatException {
    List<byte[]> entries = parse(data);
    if (entries.size() != width) {
      throw new TileFormatException(
          "bundle of width " + width + " holds " + entries.size() + " entries");
    }
    return entries;
  }

  /** Formats 1–256 entries, each at most 65535 bytes. */
  public static byte[] format(List<byte[]> entries) {
    if (entries.isEmpty() || entries.size() > TilePath.WIDTH) {
      throw new IllegalArgumentException("a bundle holds 1-256 entries, got " + entries.size());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] e : entries) {
      checkEntrySize(e.length);
      out.write(e.length >>> 8);
      out.write(e.length);
      out.write(e, 0, e.length);
    }
    return out.toByteArray();
  }

  /** Refuses an entry too large for a bundle, with the reason. */
  public static void checkEntrySize(int length) {
    if (length > MAX_ENTRY_SIZE) {
      throw new IllegalArgumentException("entry of " + length + " bytes exceeds the 65535-byte "
          + "limit of C2SP tlog-tiles entry bundles (uint16 length prefix)");
    }
  }
}
