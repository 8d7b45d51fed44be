package dev.verity.core.exchange;

import java.util.Map;
import java.util.TreeMap;

/**
 * Persons counted in one report, by category, and the total: as announced ("157 servicemen and
 * 3 civilians"; the mediator's "157"). A total left out is the sum of the categories counted in
 * totals; a breakdown left out is an empty map.
 */
public record Counts(Map<String, Integer> byCategory, Integer total) {
  public Counts {
    byCategory = byCategory == null ? Map.of() : Map.copyOf(new TreeMap<>(byCategory));
  }

  /** A total with no breakdown. */
  public static Counts total(int total) {
    return new Counts(Map.of(), total);
  }

  /** A breakdown, its total derived. */
  public static Counts of(Map<String, Integer> byCategory) {
    return new Counts(byCategory, null);
  }

  /** The total: as given, else the sum of the categories the arrangement counts in totals. */
  public int total(Arrangement a) {
    if (total != null) {
      return total;
    }
    int sum = 0;
    for (Map.Entry<String, Integer> e : byCategory.entrySet()) {
      boolean counted = a.category(e.getKey()).map(Arrangement.CategoryRule::inTotal)
          .orElse(false);
      sum += counted ? e.getValue() : 0;
    }
    return sum;
  }
}
