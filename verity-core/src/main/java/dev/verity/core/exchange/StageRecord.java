package dev.verity.core.exchange;

import dev.verity.core.exchange.Discrepancy.Figure;
import dev.verity.core.exchange.Discrepancy.Kind;
import dev.verity.core.exchange.Discrepancy.Role;
import dev.verity.core.exchange.ExchangeMessage.AttestStage;
import dev.verity.core.exchange.ExchangeMessage.ReportCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One stage as reported: who signed (each Party's report, each mediator's attestation) and the
 * discrepancies between their figures, direction by direction (persons from A to B: A's
 * "handed", B's "received", the mediators' "crossed from A"), for the total and each category.
 * Domain notes §0 and C7: on 5 February 2026 the engine must flag, not reject.
 */
public record StageRecord(int stage, List<String> signedBy, List<Discrepancy> discrepancies) {
  static StageRecord of(ExchangeState s, int n) {
    List<String> signed = new ArrayList<>(s.reports(n).keySet());
    signed.addAll(s.stageAttestations(n).keySet());
    List<Discrepancy> d = new ArrayList<>();
    List<String> parties = s.arrangement().parties();
    d.addAll(direction(s, n, parties.get(0), parties.get(1)));
    d.addAll(direction(s, n, parties.get(1), parties.get(0)));
    return new StageRecord(n, List.copyOf(signed), List.copyOf(d));
  }

  private record Source(String participant, Role role, Counts counts) {}

  private static List<Discrepancy> direction(ExchangeState s, int n, String from, String to) {
    List<Source> sources = sources(s, n, from, to);
    List<Discrepancy> out = new ArrayList<>();
    total(s.arrangement(), n, from, to, sources).ifPresent(out::add);
    TreeSet<String> categories = new TreeSet<>();
    sources.forEach(x -> categories.addAll(x.counts().byCategory().keySet()));
    for (String c : categories) {
      category(n, from, to, c, sources).ifPresent(out::add);
    }
    return out;
  }

  private static List<Source> sources(ExchangeState s, int n, String from, String to) {
    List<Source> out = new ArrayList<>();
    ReportCounts sent = s.reports(n).get(from);
    ReportCounts got = s.reports(n).get(to);
    if (sent != null && sent.handed() != null) {
      out.add(new Source(from, Role.HANDED, sent.handed()));
    }
    if (got != null && got.received() != null) {
      out.add(new Source(to, Role.RECEIVED, got.received()));
    }
    for (Map.Entry<String, AttestStage> a : s.stageAttestations(n).entrySet()) {
      Counts c = a.getValue().crossedFrom().get(from);
      if (c != null) {
        out.add(new Source(a.getKey(), Role.ATTESTED, c));
      }
    }
    return out;
  }

  private static Optional<Discrepancy> total(Arrangement a, int n, String from,
      String to, List<Source> sources) {
    List<Figure> f = figures(sources, x -> x.total(a));
    return distinct(f) > 1
        ? Optional.of(discrepancy(n, from, to, Discrepancy.TOTAL, Kind.MISMATCH, f))
        : Optional.empty();
  }

  private static Optional<Discrepancy> category(int n, String from, String to,
      String c, List<Source> sources) {
    List<Source> broken = sources.stream().filter(x -> !x.counts().byCategory().isEmpty())
        .toList();
    List<Figure> f = figures(broken, x -> x.byCategory().get(c));
    if (distinct(f) > 1) {
      return Optional.of(discrepancy(n, from, to, c, Kind.MISMATCH, f));
    }
    boolean missing = f.stream().anyMatch(x -> x.value() == null);
    boolean counted = f.stream().anyMatch(x -> x.value() != null && x.value() > 0);
    return missing && counted
        ? Optional.of(discrepancy(n, from, to, c, Kind.NOT_REPORTED, f))
        : Optional.empty();
  }

  private static List<Figure> figures(List<Source> sources, Function<Counts, Integer> value) {
    return sources.stream()
        .map(x -> new Figure(x.participant(), x.role(), value.apply(x.counts()))).toList();
  }

  private static long distinct(List<Figure> f) {
    return f.stream().map(Figure::value).filter(Objects::nonNull).distinct().count();
  }

  private static Discrepancy discrepancy(int n, String from, String to, String c, Kind k,
      List<Figure> f) {
    StringBuilder w = new StringBuilder(c + " from " + from + " to " + to + ": ");
    for (int i = 0; i < f.size(); i++) {
      w.append(i == 0 ? "" : ", ").append(f.get(i).words());
    }
    return new Discrepancy(n, from, to, c, k, f, w.toString());
  }
}
