package dev.verity.core.compliance;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Limit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Evaluates a Party's aggregates against the agreement's limits on a day. */
public final class ComplianceEvaluator {
  private final Agreement agreement;

  public ComplianceEvaluator(Agreement agreement) {
    this.agreement = agreement;
  }

  /**
   * @param aggregates values by aggregate id; a missing or null value is unknown, never 0
   */
  public PartyCompliance evaluate(LocalDate asOf, String party, Map<String, Long> aggregates) {
    List<LimitResult> out = new ArrayList<>();
    for (Limit l : agreement.limits()) {
      Long v = aggregates.get(l.aggregate());
      out.add(new LimitResult(l.name(), v, l.max(), v == null ? null : l.max() - v, status(asOf, l, v)));
    }
    return new PartyCompliance(asOf, party, out);
  }

  LimitStatus status(LocalDate asOf, Limit l, Long value) {
    // The agreement's end comes first: after it nothing is in force (New START Article XIV.2).
    if (agreement.endsOn() != null && !asOf.isBefore(agreement.endsOn())) {
      return LimitStatus.EXPIRED;
    }
    // Article II.1: the limits bind only from their date (New START: EIF + 7 years); earlier
    // figures above them are no violation.
    if (asOf.isBefore(agreement.entryIntoForce()) || asOf.isBefore(l.appliesFrom())) {
      return LimitStatus.NOT_IN_FORCE;
    }
    if (value == null) {
      return LimitStatus.UNKNOWN;
    }
    return value <= l.max() ? LimitStatus.WITHIN : LimitStatus.EXCEEDS;
  }
}
