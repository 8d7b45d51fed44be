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
    NavigableMap<LocalDate, PVector<String>> days = range(r, q).descendingMap();
    List<ClaimRecord> page = new ArrayList<>();
    int matched = 0;
    for (PVector<String> ids : days.values()) {
      for (int i = ids.size() - 1; i >= 0; i--) {
        ClaimRecord c = r.claimOrNull(ids.get(i));
        if (!q.matches(c)) {
          continue;
        }
        if (matched >= q.offset() && page.size() < q.limit()) {
          page.add(c);
        }
        matched++;
      }
    }
    return new RegisterPage(page, matched, q.offset(), q.limit());
  }

  private static NavigableMap<LocalDate, PVector<String>> range(Register r, RegisterQuery q) {
    NavigableMap<LocalDate, PVector<String>> all = r.byDay();
    if (q.fromDay() != null && q.toDay() != null && q.toDay().isBefore(q.fromDay())) {
      return all.subMap(q.fromDay(), true, q.fromDay(), false);
    }
    if (q.fromDay() != null) {
      all = all.tailMap(q.fromDay(), true);
    }
    return q.toDay() == null ? all : all.headMap(q.toDay(), true);
  }
}
