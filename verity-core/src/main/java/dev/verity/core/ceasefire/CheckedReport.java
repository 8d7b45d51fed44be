package dev.verity.core.ceasefire;

import dev.verity.core.ceasefire.PreviousPeriodRule.Break;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A daily report with the previous-period rule checked against the report before it: the answer a
 * node's API gives for one report date, and what {@code verity agreement replay} and {@code verity
 * bench ceasefire} compute alike, so a figure replayed or measured is the figure a node serves.
 * Both reports read the register's day tallies, never its claims.
 *
 * @param previousPeriodRule the rule's breaks between the prior report and this one (none: it
 *     holds)
 */
public record CheckedReport(DailyReport report, List<Break> previousPeriodRule) {
  public CheckedReport {
    previousPeriodRule = List.copyOf(previousPeriodRule);
  }

  /**
   * The report of {@code commitment} for {@code date} in {@code r} (a skipped day gives the report
   * that covers it), checked; empty when there is no such report.
   */
  static Optional<CheckedReport> of(Register r, String commitment, LocalDate date) {
    Optional<DailyReport> report = r.dailyReport(commitment, date);
    if (report.isEmpty()) {
      return Optional.empty();
    }
    List<DailyReport> both = new ArrayList<>();
    r.dailyReport(commitment, r.rules().schedule().previousReportDate(report.get().date()))
        .ifPresent(both::add);
    both.add(report.get());
    return Optional.of(new CheckedReport(report.get(), PreviousPeriodRule.check(both)));
  }
}
