package dev.verity.node.federation;

import dev.verity.tlog.tiles.EntryBundle;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A C2SP tlog-witness {@code add-checkpoint} request together with the entries the checkpoint
 * adds, so that the witness need not fetch them back from the sender's tiles before it cosigns:
 * one round trip instead of two on the path of every receipt (decision D18). The witness checks
 * the pushed entries exactly as fetched ones: appended to what it holds, they must give the
 * signed checkpoint's root.
 *
 * <p>Wire format ({@code application/x.verity.add-checkpoint+entries}), big-endian:
 * {@code uint32 n, n bytes of add-checkpoint request, uint64 index of the first entry,
 * uint32 count, count × (uint16 length, entry)} and nothing after.
 *
 * @param request the add-checkpoint request body, byte for byte
 * @param from the log index of {@code entries.get(0)}
 */
public record Push(byte[] request, long from, List<byte[]> entries) {
  public static final String CONTENT_TYPE = "application/x.verity.add-checkpoint+entries";
  /** The add-checkpoint body limit of {@code PeerServer}, C2SP tlog-witness's 64 KiB. */
  public static final int MAX_REQUEST = 64 * 1024;
  /** Entries beyond these go by the plain request, and the witness fetches them. */
  public static final int MAX_ENTRIES = 1024;
  public static final int MAX_ENTRY_BYTES = 1 << 20;
  /** The largest encoded push a witness accepts. */
  public static final int MAX_SIZE = 4 + MAX_REQUEST + 8 + 4 + MAX_ENTRY_BYTES + 2 * MAX_ENTRIES;

  public Push {
    Objects.requireNonNull(request, "request");
    entries = List.copyOf(entries);
    if (from < 0) {
      throw new IllegalArgumentException("from must be >= 0, got " + from);
    }
  }

  /** Whether these entries can ride with the request (else the witness fetches them). */
  public static boolean fits(List<byte[]> entries) {
    return entries.size() <= MAX_ENTRIES
        && entries.stream().mapToLong(e -> e.length).sum() <= MAX_ENTRY_BYTES;
  }

  /** The entries {@code [have, size)} if this push holds all of them; else empty. */
  public Optional<List<byte[]>> slice(long have, long size) {
    if (from > have || from + entries.size() != size) {
      return Optional.empty();
    }
    return Optional.of(entries.subList((int) (have - from), entries.size()));
  }

  public byte[] encode() {
    if (request.length > MAX_REQUEST || !fits(entries)) {
      throw new IllegalArgumentException("push too large: request " + request.length + " bytes, "
          + entries.size() + " entries");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(4).putInt(request.length).array());
    out.writeBytes(request);
    out.writeBytes(ByteBuffer.allocate(12).putLong(from).putInt(entries.size()).array());
    for (byte[] e : entries) {
      EntryBundle.checkEntrySize(e.length);
      out.write(e.length >>> 8);
      out.write(e.length);
      out.writeBytes(e);
    }
    return out.toByteArray();
  }

  /** Parses a push, checking every length against the bytes present and the limits above. */
  public static Push decode(byte[] data) throws PushFormatException {
    ByteBuffer in = ByteBuffer.wrap(data);
    int n = readInt(in, "request length");
    if (n < 0 || n > MAX_REQUEST || n > in.remaining()) {
      throw new PushFormatException("request length " + Integer.toUnsignedString(n) + " exceeds "
          + Math.min(MAX_REQUEST, in.remaining()) + " bytes");
    }
    byte[] request = Arrays.copyOfRange(data, 4, 4 + n);
    in.position(4 + n);
    if (in.remaining() < 12) {
      throw new PushFormatException("truncated after the request");
    }
    long from = in.getLong();
    int count = in.getInt();
    if (from < 0 || count < 0 || count > MAX_ENTRIES) {
      throw new PushFormatException("first index " + from + " or count "
          + Integer.toUnsignedString(count) + " out of range (count at most " + MAX_ENTRIES + ")");
    }
    List<byte[]> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (in.remaining() < 2) {
        throw new PushFormatException("truncated at entry " + i);
      }
      int len = Short.toUnsignedInt(in.getShort());
      if (len > in.remaining()) {
        throw new PushFormatException("entry " + i + " claims " + len + " bytes, "
            + in.remaining() + " left");
      }
      byte[] e = new byte[len];
      in.get(e);
      entries.add(e);
    }
    if (in.hasRemaining()) {
      throw new PushFormatException(in.remaining() + " bytes after the last entry");
    }
    return new Push(request, from, entries);
  }

  private static int readInt(ByteBuffer in, String what) throws PushFormatException {
    if (in.remaining() < 4) {
      throw new PushFormatException("truncated: no " + what);
    }
    return in.getInt();
  }

  /** A push whose framing is broken: answered 400, nothing changed. */
  public static final class PushFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public PushFormatException(String message) {
      super("malformed push: " + message);
    }
  }
}
