package dev.verity.core.ceasefire;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When daily reports close, after the OSCE SMM: "Based on information from the Monitoring Teams as
 * of 19:30 [date]" in Kyiv time, summer time included [a1][a2]; on a weekend one report covers
 * "between the evenings of 4 and 6 February" (DR 28/2022) and the next, Monday's, compares with
 * "the previous 24 hours" (DR 29/2022). So: a <em>day</em> is the time after one cut-off up to and
 * including the next ({@code (19:30 D-1, 19:30 D]} in the zone, 23 or 25 hours when the clocks
 * change), named by the date D of its cut-off; every date is a report date except the
 * {@code skipped} weekdays, whose days are reported with the next report date's. A report's
 * period is its days; its "previous period" is the one day before them.
 */
public record ReportSchedule(ZoneId zone, LocalTime cutoff, Set<DayOfWeek> skipped) {

  /** The SMM's: 19:30 Europe/Kyiv; Saturday reported with Sunday. */
  public static final ReportSchedule SMM =
      new ReportSchedule(ZoneId.of("Europe/Kyiv"), LocalTime.of(19, 30),
          Set.of(DayOfWeek.SATURDAY));

  public ReportSchedule {
    skipped = skipped.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(skipped));
    if (skipped.size() == 7) {
      throw new IllegalArgumentException("a schedule needs at least one report day a week");
    }
  }

  /** The cut-off instant of date {@code d}. */
  public Instant cutoff(LocalDate d) {
    return ZonedDateTime.of(d, cutoff, zone).toInstant();
  }

  /** The day that {@code t} falls in: the date of the first cut-off at or after it. */
  public LocalDate day(Instant t) {
    ZonedDateTime z = t.atZone(zone);
    LocalDate d = z.toLocalDate();
    return z.toLocalTime().isAfter(cutoff) ? d.plusDays(1) : d;
  }

  /** The report date whose period holds day {@code d}: d itself, or the next report date. */
  public LocalDate reportDate(LocalDate d) {
    LocalDate r = d;
    while (skipped.contains(r.getDayOfWeek())) {
      r = r.plusDays(1);
    }
    return r;
  }

  /** The report date before report date {@code r}. */
  public LocalDate previousReportDate(LocalDate r) {
    LocalDate p = r.minusDays(1);
    while (skipped.contains(p.getDayOfWeek())) {
      p = p.minusDays(1);
    }
    return p;
  }

  /** The period of the report that covers day {@code d}. */
  public ReportPeriod period(LocalDate d) {
    LocalDate r = reportDate(d);
    LocalDate first = previousReportDate(r).plusDays(1);
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate x = first; !x.isAfter(r); x = x.plusDays(1)) {
      days.add(x);
    }
    return new ReportPeriod(r, cutoff(first.minusDays(1)), cutoff(r), days);
  }

  /** How many report dates lie in {@code [from, to]}. */
  public long reportDatesBetween(LocalDate from, LocalDate to) {
    long weeks = ChronoUnit.DAYS.between(from, to.plusDays(1)) / 7;
    long n = weeks * (7 - skipped.size());
    for (LocalDate d = from.plusWeeks(weeks); !d.isAfter(to); d = d.plusDays(1)) {
      n += skipped.contains(d.getDayOfWeek()) ? 0 : 1;
    }
    return n;
  }
}
