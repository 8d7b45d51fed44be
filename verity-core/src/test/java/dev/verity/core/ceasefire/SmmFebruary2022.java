package dev.verity.core.ceasefire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SMM's published February 2022 figures (test resource {@code smm-february-2022.yaml}) and
 * the day-by-day counts they imply, to be fed in as the monitor's observations.
 *
 * <p>Each report gives its own period and the day before it. Where two reports speak of the same
 * day they must agree (DR 38's previous is DR 37's count); {@link #days()} checks that. The
 * weekend report gives only its two days' sum: its second day is what Monday's report calls "the
 * previous 24 hours", its first day the rest (derived), and since the split of its explosions
 * between the two days is not published, they are filed on the first day. A figure without a
 * split by category is filed as {@code unspecified}; context flags go to the unspecified ones
 * first, then to explosions.
 */
record SmmFebruary2022(Commitment commitment, List<Report> reports) {

  record CommitmentYaml(String id, String scope, Instant effectiveFrom) {}

  record Region(long total, Long explosions, Long previous, Map<String, Long> contexts) {
    Region {
      contexts = contexts == null ? Map.of() : contexts;
    }
  }

  record Report(String report, LocalDate date, String source, Map<String, Region> regions) {}

  record Yaml(CommitmentYaml commitment, List<Report> reports) {}

  /** One day's counts in one region, as observations will carry them. */
  record DayFigures(long total, long explosions, Map<String, Long> contexts) {}

  static SmmFebruary2022 load() throws IOException {
    ObjectMapper m = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule());
    try (InputStream in = SmmFebruary2022.class.getResourceAsStream("smm-february-2022.yaml")) {
      Yaml y = m.readValue(in, Yaml.class);
      CommitmentYaml c = y.commitment();
      return new SmmFebruary2022(new Commitment(c.id(), c.scope(), List.of(), List.of(),
          c.effectiveFrom(), null, false, null), y.reports());
    }
  }

  /** Day → region → counts, every day the reports speak of. */
  Map<LocalDate, Map<String, DayFigures>> days() {
    Map<LocalDate, Map<String, DayFigures>> out = new TreeMap<>();
    ReportSchedule s = ReportSchedule.SMM;
    for (Report r : reports) {
      List<LocalDate> days = s.period(r.date()).days();
      r.regions().forEach((region, f) -> {
        LocalDate before = days.get(0).minusDays(1);
        put(out, before, region, new DayFigures(f.previous(), -1, Map.of()));
        if (days.size() == 1) {
          put(out, r.date(), region, new DayFigures(f.total(), f.explosions(), f.contexts()));
        }
      });
    }
    for (Report r : reports) {
      List<LocalDate> days = s.period(r.date()).days();
      if (days.size() == 2) {
        r.regions().forEach((region, f) -> {
          long second = out.get(days.get(1)).get(region).total();
          put(out, days.get(0), region, new DayFigures(f.total() - second, f.explosions(),
              f.contexts()));
        });
      }
    }
    return out;
  }

  /** Records a day's figures; a total known from two reports must agree. */
  private static void put(Map<LocalDate, Map<String, DayFigures>> out, LocalDate day,
      String region, DayFigures f) {
    Map<String, DayFigures> regions = out.computeIfAbsent(day, d -> new TreeMap<>());
    DayFigures known = regions.get(region);
    if (known != null && known.total() != f.total()) {
      throw new IllegalStateException("the reports disagree on " + region + " on " + day + ": "
          + known.total() + " and " + f.total());
    }
    if (known == null || known.explosions() < 0) {
      regions.put(region, f);
    }
  }

  /** An observation of the monitor and when it files it. */
  record Filing(Instant at, Observation observation) {}

  /**
   * Every day's figures as the monitor's observations: observed in the hour before the day's
   * cut-off, filed at the cut-off (on time), one per region, category and context flag.
   */
  List<Filing> filings() {
    List<Filing> out = new ArrayList<>();
    for (Map.Entry<LocalDate, Map<String, DayFigures>> day : days().entrySet()) {
      Instant cutoff = ReportSchedule.SMM.cutoff(day.getKey());
      Period during = new Period(cutoff.minus(Duration.ofHours(1)), cutoff.minusSeconds(60));
      for (Map.Entry<String, DayFigures> region : day.getValue().entrySet()) {
        for (Filed f : observations(region.getValue())) {
          out.add(new Filing(cutoff, Registers.seen(commitment.id(), region.getKey(),
              f.category(), f.count(), cutoff).period(during)
              .context(f.context() == null ? List.of() : List.of(f.context())).build()));
        }
      }
    }
    return out;
  }

  /** One observation to file: a category, a context flag or null, and a count. */
  record Filed(String category, String context, long count) {}

  /** The observations of one day and region. */
  static List<Filed> observations(DayFigures f) {
    long explosions = Math.max(f.explosions(), 0);
    Map<String, Long> byCategory = new LinkedHashMap<>();
    byCategory.put("unspecified", f.total() - explosions);
    byCategory.put("explosion", explosions);
    List<Filed> out = new ArrayList<>();
    Map<String, Long> contexts = new LinkedHashMap<>(f.contexts());
    byCategory.forEach((category, n) -> {
      long left = n;
      for (Map.Entry<String, Long> c : contexts.entrySet()) {
        long take = Math.min(left, c.getValue());
        if (take > 0) {
          out.add(new Filed(category, c.getKey(), take));
          c.setValue(c.getValue() - take);
          left -= take;
        }
      }
      if (left > 0) {
        out.add(new Filed(category, null, left));
      }
    });
    return out;
  }
}
