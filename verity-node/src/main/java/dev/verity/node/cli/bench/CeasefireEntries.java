package dev.verity.node.cli.bench;

import dev.verity.core.ceasefire.Action;
import dev.verity.core.ceasefire.Action.Countersign;
import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.ceasefire.CeasefireMessages;
import dev.verity.core.ceasefire.Commitment;
import dev.verity.core.ceasefire.Count;
import dev.verity.core.ceasefire.Means;
import dev.verity.core.ceasefire.Observation;
import dev.verity.core.ceasefire.Period;
import dev.verity.core.ceasefire.Position;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Step;
import dev.verity.core.schema.GeoPoint;
import dev.verity.node.entry.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The entries of a ceasefire register with {@code n} claims and observations over one year
 * (seeded, so every run loads the same ones): the mediator's commitment countersigned by all,
 * then filings by Ukraine, Russia, the monitor and the mediator in time order, in six regions and
 * five categories, counts 1-20, one in ten filed thirty hours after the event. Each is the
 * canonical bytes of its log entry, as a node reads it from its own or a peer's log.
 */
final class CeasefireEntries {
  static final String COMMITMENT = "bench";
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  static final List<String> REGIONS =
      List.of("donetsk", "luhansk", "kharkiv", "zaporizhzhia", "kherson", "sumy");
  static final List<String> CATEGORIES = List.of("explosion", "projectile-in-flight",
      "muzzle-flash", "illumination-flare", "burst-and-shot");
  static final List<String> FILERS = List.of("UA", "RU", "SMM", "US");

  /** One log entry: its Party, its index in that Party's log, its bytes. */
  record Entry(String party, long index, byte[] bytes) {}

  private CeasefireEntries() {}

  static List<Entry> generate(String agreement, int n) {
    Commitment c = new Commitment(COMMITMENT, "bench", List.of(), List.of(), START, null, false,
        null);
    Map<String, Integer> next = new HashMap<>();
    List<Entry> out = new ArrayList<>();
    out.add(entry(agreement, next, "US", START, c));
    for (String p : List.of("UA", "RU", "SMM")) {
      out.add(entry(agreement, next, p, START.plusSeconds(1),
          new Countersign(COMMITMENT, c.termsHash())));
    }
    Random r = new Random(15);
    long span = Duration.ofDays(365).toSeconds();
    for (int i = 0; i < n; i++) {
      Instant filed = START.plusSeconds(3600 + span * i / n);
      long back = r.nextInt(10) == 0 ? 30 * 3600 : r.nextInt(3600);
      Observation o = Observation.builder().commitment(COMMITMENT)
          .period(Period.at(filed.minusSeconds(back)))
          .position(new Position(REGIONS.get(r.nextInt(REGIONS.size())),
              new GeoPoint(47 + r.nextDouble() * 3, 35 + r.nextDouble() * 5), null, null))
          .means(Means.values()[r.nextInt(Means.values().length)])
          .category(CATEGORIES.get(r.nextInt(CATEGORIES.size())), null)
          .count(Count.exact(1 + r.nextInt(20))).attributedTo(FILERS.get(r.nextInt(2))).build();
      out.add(entry(agreement, next, FILERS.get(r.nextInt(FILERS.size())), filed,
          new FileClaim("o" + i, o)));
    }
    return out;
  }

  private static Entry entry(String agreement, Map<String, Integer> next, String who,
      Instant at, Action a) {
    long index = next.merge(who, 1, Integer::sum) - 1;
    Step s = CeasefireMessages.step(new EntryRef(who, index), at, a, who.equals("SMM"));
    Envelope e = new Envelope(Envelope.VERSION, agreement, who, s.type(), "bench-" + index, at,
        s.fields().json());
    return new Entry(who, index, e.encode());
  }
}
