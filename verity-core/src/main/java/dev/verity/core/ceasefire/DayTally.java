package dev.verity.core.ceasefire;

import org.pcollections.TreePMap;

/**
 * One report day's counts under one commitment, by filer: those whose event fell in the day and
 * were filed before its report closed (on time), and those filed in the day for events of an
 * earlier, closed report (late).
 */
record DayTally(TreePMap<String, Counts> onTime, TreePMap<String, Counts> late) {
  static final DayTally EMPTY = new DayTally(TreePMap.empty(), TreePMap.empty());

  DayTally plus(String filer, Observation o, boolean isLate) {
    if (isLate) {
      return new DayTally(onTime, late.plus(filer, late.getOrDefault(filer, Counts.EMPTY).plus(o)));
    }
    return new DayTally(onTime.plus(filer, onTime.getOrDefault(filer, Counts.EMPTY).plus(o)), late);
  }
}
