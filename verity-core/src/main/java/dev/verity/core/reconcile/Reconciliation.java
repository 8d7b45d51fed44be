package dev.verity.core.reconcile;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The result of reconciling one Party's exchange with the previous one. */
public record Reconciliation(
    String party,
    LocalDate from,
    LocalDate to,
    int notificationsApplied,
    Map<String, Long> expectedAggregates,
    Map<String, Long> declaredAggregates,
    List<Discrepancy> discrepancies) {

  public boolean clean() {
    return discrepancies.isEmpty();
  }
}
