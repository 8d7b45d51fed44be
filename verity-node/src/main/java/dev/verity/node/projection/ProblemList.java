package dev.verity.node.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Problems found while folding entries (an entry that breaks the rules, or is not a Verity entry at
 * all), kept up to {@link #MAX_KEPT} and counted beyond: every such entry stays listed in the log
 * itself, and a Party that fills its log with bad entries must not fill its peers' memory. Not
 * thread-safe: its owner's lock guards it.
 */
public final class ProblemList {
  public static final int MAX_KEPT = 1000;
  private final List<String> kept = new ArrayList<>();
  private long total;

  public void add(String problem) {
    total++;
    if (kept.size() < MAX_KEPT) {
      kept.add(problem);
    }
  }

  /** The problems kept, oldest first. */
  public List<String> kept() {
    return Collections.unmodifiableList(kept);
  }

  /** How many were found, kept or not. */
  public long total() {
    return total;
  }
}
