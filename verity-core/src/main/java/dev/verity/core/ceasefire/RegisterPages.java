package dev.verity.core.ceasefire;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import org.pcollections.PVector;

/** Pages through the register by the day index, newest day first, within the query's days. */
final class RegisterPages {
  private RegisterPages() {}

  static RegisterPage of(Register r, RegisterQuery q) {
    NavigableMap<LocalDate, PVector<DayEntry>> days = range(r, q).descendingMap();
    List<ClaimRecord> page = new ArrayList<>();
    int matched = 0;
    boolean answers = q.finding() != null || q.withoutFinding();
    for (PVector<DayEntry> entries : days.values()) {
      for (int i = entries.size() - 1; i >= 0; i--) {
        DayEntry e = entries.get(i);
        if (!q.matches(e) || answers && !q.matchesFinding(r.claimOrNull(e.id()))) {
          continue;
        }
        if (matched >= q.offset() && page.size() < q.limit()) {
          page.add(r.claimOrNull(e.id()));
        }
        matched++;
      }
    }
    return new RegisterPage(page, matched, q.offset(), q.limit());
  }

  private static NavigableMap<LocalDate, PVector<DayEntry>> range(Register r, RegisterQuery q) {
    NavigableMap<LocalDate, PVector<DayEntry>> all = r.byDay();
    if (q.fromDay() != null && q.toDay() != null && q.toDay().isBefore(q.fromDay())) {
      return all.subMap(q.fromDay(), true, q.fromDay(), false);
    }
    if (q.fromDay() != null) {
      all = all.tailMap(q.fromDay(), true);
    }
    return q.toDay() == null ? all : all.headMap(q.toDay(), true);
  }
}
