package dev.verity.node.ceasefire;

import dev.verity.core.ceasefire.DailyReport;
import dev.verity.core.ceasefire.PreviousPeriodRule;
import dev.verity.core.ceasefire.Register;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The register's answers as the API gives them, for the routes and for what reads them the same
 * way offline ({@code verity bench ceasefire}, {@code verity agreement replay}): one answer per
 * question, so a figure measured or replayed is the figure a node serves.
 */
public final class CeasefireAnswers {
  private CeasefireAnswers() {}

  /**
   * The daily report of {@code commitment} for {@code date} (a skipped day gives the report that
   * covers it) with the previous-period rule checked against the report before it; empty when
   * there is no such report. Both reports read the register's day tallies, never its claims.
   */
  public static Optional<Map<String, Object>> report(Register r, String commitment,
      LocalDate date) {
    Optional<DailyReport> report = r.dailyReport(commitment, date);
    if (report.isEmpty()) {
      return Optional.empty();
    }
    List<DailyReport> both = new ArrayList<>();
    r.dailyReport(commitment, r.rules().schedule().previousReportDate(report.get().date()))
        .ifPresent(both::add);
    both.add(report.get());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("report", report.get());
    m.put("previousPeriodRule", PreviousPeriodRule.check(both));
    return Optional.of(m);
  }
}
