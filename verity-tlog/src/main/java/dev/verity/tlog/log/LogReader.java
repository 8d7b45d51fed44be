package dev.verity.tlog.log;

import dev.verity.tlog.merkle.ConsistencyProof;
import dev.verity.tlog.merkle.HashReader;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.TreeProofs;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.InvalidCheckpointException;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TreeHead;
import dev.verity.tlog.tiles.BundleId;
import dev.verity.tlog.tiles.EntryBundle;
import dev.verity.tlog.tiles.TileFormatException;
import dev.verity.tlog.tiles.TileHashReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A read-only view of a log as of its current checkpoint. Entries come from the entry bundles
 * (C2SP tlog-tiles), each bundle read once per call; inclusion and consistency proofs (RFC 9162
 * §2.1.3, §2.1.4) come from {@link TreeProofs} over a {@link TileHashReader}, with O(log n) tile
 * reads whatever the log's size. The checkpoint is verified once, on open. Thread-safe.
 */
public final class LogReader {
  private final LogStorage storage;
  private final TreeHead head;
  private final TileHashReader hashes;

  private LogReader(LogStorage storage, TreeHead head) {
    this.storage = storage;
    this.head = head;
    this.hashes = new TileHashReader(storage.tileSource(), head.size());
  }

  /** Opens the log at its current, verified checkpoint. */
  public static LogReader open(LogStorage storage, CheckpointReader reader) throws IOException {
    Objects.requireNonNull(storage, "storage");
    byte[] file = storage.readCheckpoint()
        .orElseThrow(() -> new CorruptLogException("the log has no checkpoint"));
    try {
      return new LogReader(storage, reader.open(file));
    } catch (InvalidCheckpointException e) {
      throw new CorruptLogException("checkpoint: " + e.getMessage(), e);
    }
  }

  public TreeHead treeHead() {
    return head;
  }

  /** The stored hashes of the tree, for {@link TreeProofs}. */
  public HashReader hashReader() {
    return hashes;
  }

  /** The entry at {@code index} (&lt; the checkpoint's size). */
  public byte[] entry(long index) throws IOException {
    BundleId id = BundleId.forEntry(index, head.size());
    return bundle(id).get((int) (index % BundleId.WIDTH));
  }

  /** The entries {@code [from, to)}, reading each bundle once. */
  public List<byte[]> entries(long from, long to) throws IOException {
    if (from < 0 || from > to || to > head.size()) {
      throw new IllegalArgumentException("[" + from + ", " + to + ") is not within the log of "
          + "size " + head.size());
    }
    List<byte[]> out = new ArrayList<>();
    long i = from;
    while (i < to) {
      BundleId id = BundleId.forEntry(i, head.size());
      List<byte[]> bundle = bundle(id);
      int start = (int) (i % BundleId.WIDTH);
      int end = (int) Math.min(id.width(), start + (to - i));
      out.addAll(bundle.subList(start, end));
      i += end - start;
    }
    return out;
  }

  private List<byte[]> bundle(BundleId id) throws IOException {
    byte[] data = storage.read(id).orElseThrow(
        () -> new CorruptLogException(id.path() + " is missing but the checkpoint covers it"));
    try {
      return EntryBundle.parse(data, id.width());
    } catch (TileFormatException e) {
      throw new CorruptLogException(id.path() + ": " + e.getMessage(), e);
    }
  }

  /** The inclusion proof of entry {@code index} in the tree of {@code size} ≤ the checkpoint's. */
  public InclusionProof inclusionProof(long index, long size) throws IOException {
    checkSize(size);
    return TreeProofs.inclusion(hashes, index, size);
  }

  /** The consistency proof from {@code oldSize} to {@code newSize} ≤ the checkpoint's. */
  public ConsistencyProof consistencyProof(long oldSize, long newSize) throws IOException {
    checkSize(newSize);
    return TreeProofs.consistency(hashes, oldSize, newSize);
  }

  private void checkSize(long size) {
    if (size < 0 || size > head.size()) {
      throw new IllegalArgumentException("tree size " + size + " is beyond the checkpoint's "
          + head.size());
    }
  }
}
