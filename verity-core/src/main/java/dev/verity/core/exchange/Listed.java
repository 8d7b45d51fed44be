package dev.verity.core.exchange;

import dev.verity.tlog.merkle.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A committed list and its indexes, built once when the list is folded in. */
record Listed(ListCommitment commitment, Map<Hash, Integer> byCommitment,
    Map<Blinded, List<Integer>> byBlinded) {

  static Listed of(ListCommitment c) {
    Map<Hash, Integer> byCommitment = new HashMap<>();
    Map<Blinded, List<Integer>> byBlinded = new HashMap<>();
    List<ListEntry> entries = c.entries();
    for (int i = 0; i < entries.size(); i++) {
      byCommitment.put(entries.get(i).commitment(), i);
      byBlinded.computeIfAbsent(entries.get(i).blinded(), k -> new ArrayList<>(1)).add(i);
    }
    return new Listed(c, Map.copyOf(byCommitment), Map.copyOf(byBlinded));
  }

  /** The entry with {@code commitment}, or null. */
  ListEntry entry(Hash commitment) {
    Integer i = byCommitment.get(commitment);
    return i == null ? null : commitment().entries().get(i);
  }

  /** Every entry of this list for the person {@code b} (namesakes share a value). */
  List<ListEntry> entriesOf(Blinded b) {
    return byBlinded.getOrDefault(b, List.of()).stream().map(commitment.entries()::get).toList();
  }
}
