package dev.verity.node.projection;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** How a Party's figures (its aggregates at one instant) differ before and after a change. */
final class FigureChange {
  private FigureChange() {}

  /** "warheads 1373 → 1370" for each aggregate that differs, or null when none does. */
  static String describe(Optional<Map<String, Long>> before, Optional<Map<String, Long>> after) {
    Map<String, Long> b = before.orElse(Map.of());
    Map<String, Long> a = after.orElse(Map.of());
    StringBuilder out = new StringBuilder();
    for (String k : new TreeSet<>(union(b, a))) {
      if (!Objects.equals(b.get(k), a.get(k))) {
        out.append(out.length() == 0 ? "" : ", ")
            .append(k)
            .append(' ')
            .append(b.get(k))
            .append(" \u2192 ")
            .append(a.get(k));
      }
    }
    return out.length() == 0 ? null : out.toString();
  }

  private static java.util.Set<String> union(Map<String, Long> a, Map<String, Long> b) {
    java.util.Set<String> out = new java.util.HashSet<>(a.keySet());
    out.addAll(b.keySet());
    return out;
  }
}
