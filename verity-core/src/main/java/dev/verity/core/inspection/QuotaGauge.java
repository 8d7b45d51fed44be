package dev.verity.core.inspection;

/** Inspections of one type on a Party's territory in a treaty year: used of the quota in force. */
public record QuotaGauge(String inspectedParty, int type, String treatyYear, long used, int quota) {
  public long left() {
    return Math.max(0, quota - used);
  }
}
