package dev.verity.core.ceasefire;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A daily report under one commitment, computed from the register alone, so every node computes
 * the same one (docs/formats/ceasefire.md). {@code number} counts report dates from the one in
 * which the commitment took effect (the SMM numbered per year and skipped holidays; here the date
 * is the identity). For each filing participant: the period's figures, each day's when the period
 * has several, the previous day's, what was filed late in the period for closed reports, and the
 * cumulative figures since the commitment took effect.
 */
public record DailyReport(
    String commitment, long number, LocalDate date, Instant from, Instant to,
    List<LocalDate> days, List<Source> sources) {

  public DailyReport {
    days = List.copyOf(days);
    sources = List.copyOf(sources);
  }

  public Optional<Source> source(String participant) {
    return sources.stream().filter(s -> s.participant().equals(participant)).findFirst();
  }

  /**
   * One participant's figures in a report.
   *
   * @param byDay each day's figures when the period has more than one day, else empty
   * @param previous the day before the period ("in the previous 24 hours")
   * @param late filed in the period for events of earlier, closed reports
   */
  public record Source(
      String participant, String role, Figures period,
      SortedMap<LocalDate, Figures> byDay, Figures previous, Figures late, Figures cumulative) {
    public Source {
      byDay = new TreeMap<>(byDay);
    }

    /** The figures of the period's last day: the whole period when it has one day. */
    public Figures lastDay() {
      return byDay.isEmpty() ? period : byDay.get(byDay.lastKey());
    }
  }
}
