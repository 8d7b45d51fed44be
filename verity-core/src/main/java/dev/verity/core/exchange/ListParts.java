package dev.verity.core.exchange;

import dev.verity.core.exchange.ExchangeMessage.DeclareList;
import dev.verity.core.exchange.ExchangeMessage.ListPart;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MerkleHash;
import java.util.ArrayList;
import java.util.List;

/**
 * A list too large for one log entry (C2SP tlog-tiles: an entry is at most 65,535 bytes, about
 * 480 persons of a list) committed in numbered parts (docs/formats/exchange.md, "Lists in
 * parts"; decision "A list spans numbered parts whose roots are declared first"). Part {@code i}
 * (from 1) holds entries {@code (i-1)·256} to {@code i·256 - 1} of the list, in the list's order.
 * Because 256 is a power of two, each full part is a complete subtree of the list's RFC 9162
 * Merkle tree (§2.1.1 splits at the largest power of two below the size), so the list's root is
 * the same tree built over the part roots as its nodes: a declaration that gives the root, the
 * count and every part root can be checked on its own, and each part against its declared root
 * when it arrives, which names the part that does not match.
 */
public final class ListParts {
  /** Entries per part (the last may hold fewer): a power of two, about 35 KB of JSON. */
  public static final int PART_SIZE = 256;
  /** The most parts of one list: their roots, in hex, fill one entry to about 61 KB. */
  public static final int MAX_PARTS = 900;
  /** The most persons a list in parts may have. */
  public static final int MAX_PERSONS = PART_SIZE * MAX_PARTS;

  private ListParts() {}

  /** How many parts a list of {@code count} entries has (at least one). */
  public static int partsFor(int count) {
    return Math.max(1, (count + PART_SIZE - 1) / PART_SIZE);
  }

  /** The number of entries of part {@code part} (from 1) of a list of {@code count}. */
  public static int sizeOf(int count, int part) {
    return Math.max(0, Math.min(PART_SIZE, count - (part - 1) * PART_SIZE));
  }

  /** The index of the first entry of part {@code part} (from 1). */
  public static int firstOf(int part) {
    return (part - 1) * PART_SIZE;
  }

  /** The Merkle root of each part's entries, in part order. */
  public static List<Hash> partRoots(List<ListEntry> entries) {
    List<Hash> out = new ArrayList<>();
    for (int p = 1; p <= partsFor(entries.size()); p++) {
      out.add(ListCommitment.tree(slice(entries, entries.size(), p)).root());
    }
    return out;
  }

  /** The list's root from its part roots: the RFC 9162 tree with the part roots as subtrees. */
  public static Hash root(List<Hash> partRoots) {
    return partRoots.isEmpty() ? MerkleHash.EMPTY_ROOT : mth(partRoots, 0, partRoots.size());
  }

  private static Hash mth(List<Hash> roots, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return roots.get(from);
    }
    int k = Integer.highestOneBit(n - 1); // the largest power of two smaller than n
    return MerkleHash.node(mth(roots, from, from + k), mth(roots, from + k, to));
  }

  /** A committed list as a declaration and its parts, as {@code verity exchange} sends them. */
  public record Split(DeclareList declaration, List<ListPart> parts) {}

  /** {@code c} in parts. */
  public static Split split(ListCommitment c) {
    List<ListEntry> e = c.entries();
    DeclareList d = new DeclareList(c.exchange(), c.party(), c.kind(), c.category(), c.count(),
        c.root(), partRoots(e));
    List<ListPart> parts = new ArrayList<>();
    for (int p = 1; p <= d.parts().size(); p++) {
      parts.add(new ListPart(c.exchange(), c.id(), c.root(), p, slice(e, c.count(), p)));
    }
    return new Split(d, parts);
  }

  /** The values of part {@code part} of {@code all} (one per entry of a list). */
  public static <T> List<T> slice(List<T> all, int count, int part) {
    int from = firstOf(part);
    return all.subList(from, from + sizeOf(count, part));
  }
}
