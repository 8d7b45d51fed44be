package dev.verity.core.ceasefire;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A report's period: the report date, the cut-offs that bound it ({@code from} excluded,
 * {@code to} included) and its days, oldest first (one on a weekday, two for a weekend).
 */
public record ReportPeriod(LocalDate date, Instant from, Instant to, List<LocalDate> days) {
  public ReportPeriod {
    days = List.copyOf(days);
  }
}
