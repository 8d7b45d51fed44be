package dev.verity.core.ceasefire;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.verity.core.agreement.Party;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pcollections.TreePVector;

/**
 * Every filer's counted claims for one report day, side by side: totals, by category and by
 * attribution, with each row on which the Parties differ named. On 29 July 2015 the JCCC's two
 * logbooks recorded 104 ceasefire violations (19 attributed to the Ukrainian Armed Forces, 85 to
 * the armed formations) and 100 (36 and 64) [a26]; here that is one row per attribution and a
 * named difference on each.
 *
 * @param region the region compared; null for all
 * @param participants the columns: every filing participant, in the register's order
 */
public record SideBySide(
    String commitment, LocalDate day, Instant from, Instant to, String region,
    List<String> participants, Row total, List<Row> categories, List<Row> attributions,
    List<Difference> differences) {

  /** The attribution key of claims that name nobody. */
  public static final String UNATTRIBUTED = "unattributed";

  /** One line: a key and each participant's count. */
  public record Row(String key, SortedMap<String, Long> counts) {
    public long count(String participant) {
      return counts.getOrDefault(participant, 0L);
    }
  }

  /** A row on which the Parties' counts differ. */
  public record Difference(Dimension dimension, String key, SortedMap<String, Long> counts) {}

  /** What a row compares. */
  public enum Dimension {
    TOTAL, CATEGORY, ATTRIBUTION;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static SideBySide of(Register r, String commitment, LocalDate day, String region) {
    ReportSchedule sched = r.rules().schedule();
    List<String> columns = new ArrayList<>();
    List<String> parties = new ArrayList<>();
    for (Party p : r.rules().filers()) {
      columns.add(p.id());
      if (p.is(Party.PARTY)) {
        parties.add(p.id());
      }
    }
    Tables t = new Tables();
    for (DayEntry e : r.byDay().getOrDefault(day, TreePVector.empty())) {
      if (e.standing() == Standing.COUNTED && e.commitment().equals(commitment)
          && (region == null || region.equals(e.region()))) {
        t.add(r.claimOrNull(e.id()), r.rules().vocabulary());
      }
    }
    return t.build(commitment, day, sched.cutoff(day.minusDays(1)), sched.cutoff(day), region,
        columns, parties);
  }

  /** Sums by category and attribution while the day's claims are read. */
  private static final class Tables {
    private final Map<String, Long> total = new TreeMap<>();
    private final Map<String, Map<String, Long>> categories = new TreeMap<>();
    private final Map<String, Map<String, Long>> attributions = new TreeMap<>();

    void add(ClaimRecord c, Vocabulary v) {
      Observation o = c.observation();
      long n = o.count().value();
      if (v.inTotal(o.category())) {
        total.merge(c.filer(), n, Long::sum);
      }
      categories.computeIfAbsent(o.category(), k -> new TreeMap<>()).merge(c.filer(), n,
          Long::sum);
      String by = o.attributedTo() == null ? UNATTRIBUTED : o.attributedTo();
      attributions.computeIfAbsent(by, k -> new TreeMap<>()).merge(c.filer(), n, Long::sum);
    }

    SideBySide build(String commitment, LocalDate day, Instant from, Instant to, String region,
        List<String> columns, List<String> parties) {
      Row totalRow = row("total", total, columns);
      List<Row> cats = rows(categories, columns);
      List<Row> atts = rows(attributions, columns);
      List<Difference> diffs = new ArrayList<>();
      differ(Dimension.TOTAL, List.of(totalRow), parties, diffs);
      differ(Dimension.CATEGORY, cats, parties, diffs);
      differ(Dimension.ATTRIBUTION, atts, parties, diffs);
      return new SideBySide(commitment, day, from, to, region, columns, totalRow, cats, atts,
          diffs);
    }

    private static List<Row> rows(Map<String, Map<String, Long>> m, List<String> columns) {
      List<Row> out = new ArrayList<>();
      m.forEach((k, counts) -> out.add(row(k, counts, columns)));
      return out;
    }

    private static Row row(String key, Map<String, Long> counts, List<String> columns) {
      SortedMap<String, Long> all = new TreeMap<>();
      columns.forEach(c -> all.put(c, counts.getOrDefault(c, 0L)));
      return new Row(key, all);
    }

    private static void differ(Dimension d, List<Row> rows, List<String> parties,
        List<Difference> out) {
      for (Row row : rows) {
        Map<String, Long> ofParties = new LinkedHashMap<>();
        parties.forEach(p -> ofParties.put(p, row.count(p)));
        if (new TreeSet<>(ofParties.values()).size() > 1) {
          out.add(new Difference(d, row.key(), new TreeMap<>(ofParties)));
        }
      }
    }
  }
}
