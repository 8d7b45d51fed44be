package dev.verity.core.exchange;

import dev.verity.tlog.merkle.Hash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One category's match: how many persons on one Party's requested list are on the other's held
 * list, and who is on one side only, as commitments. Computed by anyone from the two lists and
 * the values each Party blinded on top of the other's (k_A·k_B·H(x) on both sides); no name and
 * no key is needed. Namesakes (equal match keys) make the two matched counts differ.
 */
public record ListMatch(
    ListId requested, ListId held, int requestedCount, int heldCount, int matchedRequested,
    int matchedHeld, List<Hash> onlyRequested, List<Hash> onlyHeld) {
  public ListMatch {
    onlyRequested = List.copyOf(onlyRequested);
    onlyHeld = List.copyOf(onlyHeld);
  }

  /**
   * The match of {@code requested} (blinded on top by the holder: {@code requestedTwice}) with
   * {@code held} (blinded on top by the requester: {@code heldTwice}), both in entry order.
   */
  public static ListMatch of(ListCommitment requested, List<Blinded> requestedTwice,
      ListCommitment held, List<Blinded> heldTwice) {
    List<Hash> onlyRequested = only(requested, requestedTwice, new HashSet<>(heldTwice));
    List<Hash> onlyHeld = only(held, heldTwice, new HashSet<>(requestedTwice));
    return new ListMatch(requested.id(), held.id(), requested.count(), held.count(),
        requested.count() - onlyRequested.size(), held.count() - onlyHeld.size(),
        onlyRequested, onlyHeld);
  }

  /** How many of {@code twice} are in {@code other}. */
  static int overlap(List<Blinded> twice, Set<Blinded> other) {
    int n = 0;
    for (Blinded b : twice) {
      n += other.contains(b) ? 1 : 0;
    }
    return n;
  }

  private static List<Hash> only(ListCommitment list, List<Blinded> twice, Set<Blinded> other) {
    List<Hash> out = new ArrayList<>();
    for (int i = 0; i < twice.size(); i++) {
      if (!other.contains(twice.get(i))) {
        out.add(list.entries().get(i).commitment());
      }
    }
    return out;
  }
}
