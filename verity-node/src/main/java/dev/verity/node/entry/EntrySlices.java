package dev.verity.node.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Cuts a list of values into runs that each fit one log entry: a C2SP tlog-tiles entry holds at
 * most 65,535 bytes, and a declaration or a reveal of thousands of items is several times that.
 */
public final class EntrySlices {
  /** Leaves room for the envelope within the 65,535-byte entry limit. */
  public static final int BUDGET = 56_000;

  private EntrySlices() {}

  /**
   * Consecutive runs of {@code values}, each at most {@link #BUDGET} bytes by {@code bytes} (plus
   * one separator each), the first starting at {@code firstUsed} bytes; a value larger than the
   * budget gets a run of its own. Never empty: no values give one empty run.
   */
  public static <T> List<List<T>> of(List<T> values, ToIntFunction<T> bytes, int firstUsed) {
    List<List<T>> slices = new ArrayList<>();
    List<T> cur = new ArrayList<>();
    int size = firstUsed;
    for (T v : values) {
      int n = bytes.applyAsInt(v) + 1;
      if (!cur.isEmpty() && size + n > BUDGET) {
        slices.add(cur);
        cur = new ArrayList<>();
        size = 0;
      }
      cur.add(v);
      size += n;
    }
    slices.add(cur);
    return slices;
  }
}
