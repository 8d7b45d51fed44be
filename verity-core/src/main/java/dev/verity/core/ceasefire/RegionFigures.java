package dev.verity.core.ceasefire;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One region's counts: the total of ceasefire violations (categories with {@code inTotal}), each
 * category (strikes on protected objects included, though not in the total), each context flag,
 * and how many of them came from inexact figures.
 */
public record RegionFigures(
    long total, SortedMap<String, Long> categories, SortedMap<String, Long> contexts,
    long inexact) {
  public static final RegionFigures NONE =
      new RegionFigures(0, new TreeMap<>(), new TreeMap<>(), 0);

  public RegionFigures {
    categories = new TreeMap<>(categories);
    contexts = new TreeMap<>(contexts);
  }

  public long category(String id) {
    return categories.getOrDefault(id, 0L);
  }

  public long context(String id) {
    return contexts.getOrDefault(id, 0L);
  }

  static final class Builder {
    private long total;
    private final SortedMap<String, Long> categories = new TreeMap<>();
    private final SortedMap<String, Long> contexts = new TreeMap<>();
    private long inexact;

    Builder category(String id, long n, boolean inTotal) {
      categories.put(id, n);
      total += inTotal ? n : 0;
      return this;
    }

    Builder context(String id, long n) {
      contexts.put(id, n);
      return this;
    }

    Builder inexact(long n) {
      inexact = n;
      return this;
    }

    RegionFigures build() {
      return new RegionFigures(total, categories, contexts, inexact);
    }
  }
}
