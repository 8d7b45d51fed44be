package dev.verity.tlog.checkpoint;

import dev.verity.tlog.internal.Decimal;
import dev.verity.tlog.internal.StdBase64;
import dev.verity.tlog.merkle.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A checkpoint body (C2SP tlog-checkpoint): the origin line, the tree size in decimal, the
 * base64 root hash, then zero or more non-empty extension lines, each ending in a newline.
 */
public record Checkpoint(String origin, long size, Hash rootHash, List<String> extensions) {

  public Checkpoint {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(rootHash, "rootHash");
    extensions = List.copyOf(extensions);
    if (origin.isEmpty() || origin.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("origin must be one non-empty line");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    for (String e : extensions) {
      if (e.isEmpty() || e.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("extension lines must be non-empty single lines");
      }
    }
  }

  public Checkpoint(String origin, long size, Hash rootHash) {
    this(origin, size, rootHash, List.of());
  }

  /** Parses a checkpoint body (the note text, without signatures). */
  public static Checkpoint parse(String body) throws CheckpointException {
    Objects.requireNonNull(body, "body");
    if (!body.endsWith("\n")) {
      throw new CheckpointException("checkpoint must end in a newline");
    }
    List<String> lines = new ArrayList<>();
    for (int start = 0; start < body.length(); ) {
      int end = body.indexOf('\n', start);
      lines.add(body.substring(start, end));
      start = end + 1;
    }
    if (lines.size() < 3) {
      throw new CheckpointException("checkpoint needs origin, size and root hash lines");
    }
    String origin = lines.get(0);
    if (origin.isEmpty()) {
      throw new CheckpointException("checkpoint origin is empty");
    }
    long size = Decimal.parseOrMinusOne(lines.get(1));
    if (size < 0) {
      throw new CheckpointException(
          "checkpoint size must be a decimal without sign or leading zeros: " + lines.get(1));
    }
    byte[] root = StdBase64.decodeOrNull(lines.get(2));
    if (root == null || root.length != Hash.SIZE) {
      throw new CheckpointException("checkpoint root hash must be base64 of 32 bytes");
    }
    List<String> ext = lines.subList(3, lines.size());
    for (String e : ext) {
      if (e.isEmpty()) {
        throw new CheckpointException("checkpoint extension lines must not be empty");
      }
    }
    return new Checkpoint(origin, size, Hash.of(root), ext);
  }

  /** Parses a checkpoint body and checks that its origin is {@code expectedOrigin}. */
  public static Checkpoint parse(String body, String expectedOrigin) throws CheckpointException {
    Objects.requireNonNull(expectedOrigin, "expectedOrigin");
    Checkpoint c = parse(body);
    if (!c.origin().equals(expectedOrigin)) {
      throw new CheckpointException(
          "checkpoint origin is " + c.origin() + ", expected " + expectedOrigin);
    }
    return c;
  }

  /** The body: origin, size, root hash and extension lines, each ending in a newline. */
  public String format() {
    StringBuilder sb = new StringBuilder(origin.length() + 80);
    sb.append(origin).append('\n').append(size).append('\n').append(rootHash.base64())
        .append('\n');
    for (String e : extensions) {
      sb.append(e).append('\n');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
