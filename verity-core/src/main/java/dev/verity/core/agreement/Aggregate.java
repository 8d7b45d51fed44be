package dev.verity.core.agreement;

import java.util.List;

/**
 * A counting rule: an aggregate is the sum of its terms over a Party's inventory.
 *
 * @param csvColumn the column stem in a published aggregates table (defaults to the id)
 */
public record Aggregate(String id, String name, String csvColumn, List<Term> terms) {

  public String csvColumn() {
    return csvColumn == null ? id : csvColumn;
  }

  /**
   * Items of one of {@code kinds} whose status is one of {@code status} contribute {@code
   * measure}: 1 each (count), their warheads (warheads) or {@code perItem} each (fixed).
   */
  public record Term(List<String> kinds, List<String> status, Measure measure, Integer perItem) {}

  /** What a matching item contributes. */
  public enum Measure {
    COUNT,
    WARHEADS,
    FIXED;

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Measure parse(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
  }
}
