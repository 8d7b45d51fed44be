package dev.verity.bench;

import dev.verity.core.agreement.Party;
import dev.verity.core.ceasefire.Action;
import dev.verity.core.ceasefire.Action.Countersign;
import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.ceasefire.CeasefireMessages;
import dev.verity.core.ceasefire.CeasefireRegime;
import dev.verity.core.ceasefire.Commitment;
import dev.verity.core.ceasefire.Count;
import dev.verity.core.ceasefire.Means;
import dev.verity.core.ceasefire.Observation;
import dev.verity.core.ceasefire.Period;
import dev.verity.core.ceasefire.Position;
import dev.verity.core.ceasefire.Register;
import dev.verity.core.ceasefire.RegisterRules;
import dev.verity.core.ceasefire.ReportSchedule;
import dev.verity.core.ceasefire.Vocabulary;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Step;
import dev.verity.core.schema.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A ceasefire register filled with {@code n} observations and claims over one year (seeded, so
 * every run builds the same one): four participants, six regions, five categories, counts 1-20,
 * some filed a day late.
 */
final class CeasefireRegisters {
  static final String COMMITMENT = "bench";
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  static final List<String> REGIONS =
      List.of("donetsk", "luhansk", "kharkiv", "zaporizhzhia", "kherson", "sumy");
  static final List<String> CATEGORIES = List.of("explosion", "projectile-in-flight",
      "muzzle-flash", "illumination-flare", "burst-and-shot");
  static final List<String> FILERS = List.of("UA", "RU", "SMM", "US");

  private CeasefireRegisters() {}

  static CeasefireRegime regime() {
    return new CeasefireRegime(new RegisterRules(List.of(Party.of("UA", Party.PARTY),
        Party.of("RU", Party.PARTY), Party.of("SMM", Party.MONITOR),
        Party.of("US", Party.MEDIATOR)), List.of(), Vocabulary.standard(),
        ReportSchedule.SMM));
  }

  /** The steps: the commitment countersigned by all, then {@code n} filings in time order. */
  static List<Step> steps(int n) {
    Commitment c = new Commitment(COMMITMENT, "bench", List.of(), List.of(), START, null, false,
        null);
    List<Step> out = new ArrayList<>();
    Map<String, Integer> entries = new HashMap<>();
    out.add(step(entries, "UA", START, c));
    for (String p : List.of("RU", "SMM", "US")) {
      out.add(step(entries, p, START, new Countersign(COMMITMENT, c.termsHash())));
    }
    Random r = new Random(15);
    long span = Duration.ofDays(365).toSeconds();
    for (int i = 0; i < n; i++) {
      Instant filed = START.plusSeconds(3600 + span * i / n);
      long back = r.nextInt(10) == 0 ? 30 * 3600 : r.nextInt(3600);
      Instant at = filed.minusSeconds(back);
      Observation o = Observation.builder().commitment(COMMITMENT).period(Period.at(at))
          .position(new Position(REGIONS.get(r.nextInt(REGIONS.size())),
              new GeoPoint(47 + r.nextDouble() * 3, 35 + r.nextDouble() * 5), null, null))
          .means(Means.values()[r.nextInt(Means.values().length)])
          .category(CATEGORIES.get(r.nextInt(CATEGORIES.size())), null)
          .count(Count.exact(1 + r.nextInt(20))).attributedTo(FILERS.get(r.nextInt(2))).build();
      out.add(step(entries, FILERS.get(r.nextInt(FILERS.size())), filed,
          new FileClaim("o" + i, o)));
    }
    return out;
  }

  /** The next entry of {@code who}'s log, carrying {@code a}. */
  private static Step step(Map<String, Integer> entries, String who, Instant at, Action a) {
    return CeasefireMessages.step(new EntryRef(who, entries.merge(who, 1, Integer::sum) - 1), at,
        a, who.equals("SMM"));
  }

  static Register build(CeasefireRegime regime, List<Step> steps) {
    Register reg = regime.empty();
    for (Step s : steps) {
      Outcome<Register> o = regime.apply(reg, s);
      if (o instanceof Outcome.Refused<Register> r) {
        throw new IllegalStateException(r.refusal().toString());
      }
      reg = ((Outcome.Next<Register>) o).state();
    }
    return reg;
  }
}
