package dev.verity.core.reconcile;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One discrepancy, by unique identifier (or notification number) and kind.
 *
 * @param expected what the previous exchange plus notifications say; null when not applicable
 * @param declared what the new exchange says
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Discrepancy(
    DiscrepancyKind kind, String party, String item, Long notification, String expected, String declared) {

  /** The identity of a discrepancy, without the details (to compare with a key). */
  public String key() {
    return kind.label() + " " + party + " " + (item != null ? item : "#" + notification);
  }
}
