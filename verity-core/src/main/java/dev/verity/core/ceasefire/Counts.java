package dev.verity.core.ceasefire;

import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pcollections.TreePMap;

/**
 * Counts of one filer on one day, by region and category, by region and context flag, and how much
 * of each region came from inexact figures ("about", "at least"). Immutable: adding an
 * observation gives new counts sharing the rest.
 */
final class Counts {
  static final Counts EMPTY = new Counts(TreePMap.empty(Cell.ORDER), TreePMap.empty(Cell.ORDER),
      TreePMap.empty());

  private final TreePMap<Cell, Long> categories;
  private final TreePMap<Cell, Long> contexts;
  private final TreePMap<String, Long> inexact;

  private Counts(TreePMap<Cell, Long> categories, TreePMap<Cell, Long> contexts,
      TreePMap<String, Long> inexact) {
    this.categories = categories;
    this.contexts = contexts;
    this.inexact = inexact;
  }

  Counts plus(Observation o) {
    String region = o.position().region();
    long n = o.count().value();
    TreePMap<Cell, Long> ctx = contexts;
    for (String c : o.context()) {
      ctx = add(ctx, new Cell(region, c), n);
    }
    TreePMap<String, Long> inx = o.count().inexact() ? add(inexact, region, n) : inexact;
    return new Counts(add(categories, new Cell(region, o.category()), n), ctx, inx);
  }

  private static <K> TreePMap<K, Long> add(TreePMap<K, Long> m, K k, long n) {
    return m.plus(k, m.getOrDefault(k, 0L) + n);
  }

  /** Adds counts into a running sum (for periods and cumulative figures). */
  static final class Sum {
    private final Map<Cell, Long> categories = new TreeMap<>(Cell.ORDER);
    private final Map<Cell, Long> contexts = new TreeMap<>(Cell.ORDER);
    private final Map<String, Long> inexact = new TreeMap<>();

    Sum add(Counts c) {
      if (c != null) {
        c.categories.forEach((k, v) -> categories.merge(k, v, Long::sum));
        c.contexts.forEach((k, v) -> contexts.merge(k, v, Long::sum));
        c.inexact.forEach((k, v) -> inexact.merge(k, v, Long::sum));
      }
      return this;
    }

    Figures figures(Vocabulary v) {
      SortedMap<String, RegionFigures.Builder> regions = new TreeMap<>();
      categories.forEach((k, n) -> region(regions, k.region()).category(k.key(), n,
          v.inTotal(k.key())));
      contexts.forEach((k, n) -> region(regions, k.region()).context(k.key(), n));
      inexact.forEach((r, n) -> region(regions, r).inexact(n));
      SortedMap<String, RegionFigures> out = new TreeMap<>();
      regions.forEach((r, b) -> out.put(r, b.build()));
      return new Figures(out.values().stream().mapToLong(RegionFigures::total).sum(), out);
    }

    private static RegionFigures.Builder region(SortedMap<String, RegionFigures.Builder> m,
        String r) {
      return m.computeIfAbsent(r, x -> new RegionFigures.Builder());
    }
  }

  /** A region and a category or context id. */
  record Cell(String region, String key) {
    static final Comparator<Cell> ORDER =
        Comparator.comparing(Cell::region).thenComparing(Cell::key);
  }
}
