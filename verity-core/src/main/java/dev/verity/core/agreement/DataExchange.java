package dev.verity.core.agreement;

import java.util.List;

/**
 * The data-exchange schedule.
 *
 * @param asOf month-day strings ("03-01") of the periodic data
 */
public record DataExchange(
    boolean required, int initialDueDaysAfterEntryIntoForce, List<String> asOf, int dueDaysAfterAsOf) {

  public List<String> asOf() {
    return asOf == null ? List.of() : asOf;
  }
}
