package dev.verity.core.ceasefire;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts by region: the total of ceasefire violations over all regions and each region's figures.
 */
public record Figures(long total, SortedMap<String, RegionFigures> regions) {
  public static final Figures NONE = new Figures(0, new TreeMap<>());

  public Figures {
    regions = new TreeMap<>(regions);
  }

  /** The figures of {@code region}; zero when nothing was counted there. */
  public RegionFigures region(String region) {
    return regions.getOrDefault(region, RegionFigures.NONE);
  }
}
