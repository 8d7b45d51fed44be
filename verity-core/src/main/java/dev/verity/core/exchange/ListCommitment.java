package dev.verity.core.exchange;

import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MemoryTree;
import java.util.List;

/**
 * What a Party publishes for one list: the exchange, itself, held or requested, the category,
 * the count (the number of entries) and the RFC 9162 Merkle root over the entries, in the order
 * of their commitments (so that the order says nothing: a list sorted by surname would give
 * away initials). No name, date or key is in it.
 */
public record ListCommitment(
    String exchange, String party, ListKind kind, String category, Hash root,
    List<ListEntry> entries) {
  public ListCommitment {
    entries = List.copyOf(entries);
  }

  /** The commitment to {@code entries}, its root computed. */
  public static ListCommitment of(String exchange, String party, ListKind kind, String category,
      List<ListEntry> entries) {
    return new ListCommitment(exchange, party, kind, category, rootOf(entries), entries);
  }

  /** The number of persons on the list. */
  public int count() {
    return entries.size();
  }

  /** The list's identity within an exchange. */
  public ListId id() {
    return new ListId(party, kind, category);
  }

  /** Whether {@link #root()} is the Merkle root of {@link #entries()}. */
  public boolean rootMatches() {
    return rootOf(entries).equals(root);
  }

  static MemoryTree tree(List<ListEntry> entries) {
    MemoryTree t = new MemoryTree();
    for (ListEntry e : entries) {
      t.appendLeafHash(e.leafHash());
    }
    return t;
  }

  private static Hash rootOf(List<ListEntry> entries) {
    return tree(entries).root();
  }
}
