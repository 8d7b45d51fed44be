package dev.verity.core.ceasefire;

import dev.verity.core.agreement.Party;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.pcollections.TreePMap;

/**
 * Computes a daily report from the register's per-day tallies: the days of the period, the day
 * before it, and every day up to its end for the cumulative figures. It reads tallies only, never
 * the claims, so its cost does not grow with the number of claims.
 */
final class DailyReports {
  private DailyReports() {}

  static Optional<DailyReport> of(Register r, String commitment, LocalDate date) {
    CommitmentRecord c = r.commitment(commitment).orElse(null);
    if (c == null || c.inForceFrom() == null || date == null) {
      return Optional.empty();
    }
    ReportSchedule sched = r.rules().schedule();
    ReportPeriod p = sched.period(date);
    Instant end = c.terms().expiresAt();
    if (!p.to().isAfter(c.inForceFrom()) || end != null && !p.from().isBefore(end)) {
      return Optional.empty();
    }
    LocalDate first = sched.reportDate(sched.day(c.inForceFrom()));
    long number = sched.reportDatesBetween(first, p.date());
    TreePMap<LocalDate, DayTally> t = r.tallies(commitment);
    List<DailyReport.Source> sources = new ArrayList<>();
    for (Party who : r.rules().filers()) {
      sources.add(source(r.rules().vocabulary(), who, p, t));
    }
    return Optional.of(new DailyReport(commitment, number, p.date(), p.from(), p.to(), p.days(),
        sources));
  }

  private static DailyReport.Source source(Vocabulary v, Party who, ReportPeriod p,
      TreePMap<LocalDate, DayTally> t) {
    String id = who.id();
    Function<DayTally, Counts> onTime = d -> d.onTime().get(id);
    Function<DayTally, Counts> late = d -> d.late().get(id);
    Counts.Sum period = new Counts.Sum();
    Counts.Sum lateSum = new Counts.Sum();
    SortedMap<LocalDate, Figures> byDay = new TreeMap<>();
    for (LocalDate d : p.days()) {
      DayTally day = t.getOrDefault(d, DayTally.EMPTY);
      period.add(onTime.apply(day));
      lateSum.add(late.apply(day));
      if (p.days().size() > 1) {
        byDay.put(d, new Counts.Sum().add(onTime.apply(day)).figures(v));
      }
    }
    DayTally before = t.getOrDefault(p.days().get(0).minusDays(1), DayTally.EMPTY);
    Counts.Sum cumulative = new Counts.Sum();
    for (DayTally d : t.headMap(p.date(), true).values()) {
      cumulative.add(onTime.apply(d)).add(late.apply(d));
    }
    return new DailyReport.Source(id, RegisterRules.role(who), period.figures(v), byDay,
        new Counts.Sum().add(onTime.apply(before)).figures(v), lateSum.figures(v),
        cumulative.figures(v));
  }
}
