package dev.verity.core.exchange;

import com.sun.management.OperatingSystemMXBean;
import dev.verity.core.agreement.Party;
import dev.verity.core.exchange.ExchangeMessage.Reblind;
import dev.verity.core.exchange.ListParts.Split;
import dev.verity.core.exchange.SyntheticPersons.Person;
import dev.verity.core.exchange.SyntheticPersons.Spelling;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Outcome.Next;
import dev.verity.core.regime.Outcome.Refused;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Matching two lists without names, timed stage by stage in wall-clock and process CPU time
 * (the node's {@code verity bench exchange} prints it; CPU time says what the work costs when
 * other processes share the cores). Ukraine requests {@code persons} in Ukrainian Cyrillic;
 * Russia holds as many in ICAO 9303 Latin, {@code overlap} of them the same persons. Each side
 * commits (match keys, hash to curve, blinding, salted commitments, Merkle root), blinds the
 * other's list, and the match is computed; then a node's fold of what both send, as they send
 * it: each list declared and sent in parts of 256 ({@link ListParts}), each blinding in parts.
 * Baselines from the same run: a plain set intersection of the match keys (no privacy at all)
 * and the keyed-hash design set aside in the decision record (HMAC-SHA256 under a key both
 * Parties hold).
 */
public final class ExchangeBench {
  private ExchangeBench() {}

  /** One timed stage: wall-clock and process CPU time (all threads), in nanoseconds. */
  public record Stage(String what, long wall, long cpu) {}

  /**
   * The figures of one run (the best of the timed rounds): the two Parties' commits and
   * blindings and the match (counted in {@link #total()}), a node's fold, then the baselines.
   */
  public record Figures(int persons, int overlap, int expectedMatches, int matched,
      int threads, List<Stage> stages) {
    /** Wall-clock time of both Parties' work plus the match, as if done one after the other. */
    public long total() {
      return stages.subList(0, 5).stream().mapToLong(Stage::wall).sum();
    }

    /** Process CPU time of the same. */
    public long totalCpu() {
      return stages.subList(0, 5).stream().mapToLong(Stage::cpu).sum();
    }
  }

  private static final String[] STAGES = {
    "UA commits its requested list (keys, curve, blind, salts, Merkle)",
    "RU commits its held list",
    "RU blinds UA's list on top",
    "UA blinds RU's list on top",
    "match (counts, who is on one side only)",
    "a node folds both lists and blindings in parts of 256 (roots, indexes)",
    "baseline: plain intersection of match keys",
    "baseline: keyed hash (HMAC, key held by both)"
  };

  /** Runs {@code rounds} timed rounds after one warm-up round of 2,000 persons. */
  public static Figures run(int persons, double overlapShare, int rounds, long seed) {
    measure(lists(Math.min(persons, 2_000), overlapShare, seed), seed);
    Lists l = lists(persons, overlapShare, seed);
    Figures best = null;
    for (int r = 0; r < Math.max(1, rounds); r++) {
      Figures f = measure(l, seed + r);
      best = best == null || f.total() < best.total() ? f : best;
    }
    return best;
  }

  private record Lists(List<PersonRecord> requested, List<PersonRecord> held, int overlap,
      int expected) {}

  private static Lists lists(int n, double overlapShare, long seed) {
    int overlap = (int) Math.round(n * overlapShare);
    List<Person> all = SyntheticPersons.generate(2 * n - overlap, 1.0, seed).persons();
    List<PersonRecord> requested = new ArrayList<>(n);
    List<PersonRecord> held = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      requested.add(all.get(i).in(Spelling.UA_CYRILLIC));
      held.add(all.get(n - overlap + i).in(Spelling.RU_LATIN_ICAO_9303));
    }
    Collections.shuffle(held, new Random(seed));
    Set<MatchKey> keys = new HashSet<>();
    requested.forEach(p -> keys.add(MatchKey.of(p)));
    int expected = (int) held.stream().filter(p -> keys.contains(MatchKey.of(p))).count();
    return new Lists(requested, held, overlap, expected);
  }

  private static Figures measure(Lists l, long seed) {
    SecureRandom random = new SecureRandom();
    BlindingKey ua = BlindingKey.generate(random);
    BlindingKey ru = BlindingKey.generate(random);
    String x = "bench-" + seed;
    Stage[] t = new Stage[STAGES.length];
    PrivateList requested = timed(t, 0, () -> PrivateList.build(x, "UA", ListKind.REQUESTED,
        "military", l.requested(), ua, random));
    PrivateList held = timed(t, 1, () -> PrivateList.build(x, "RU", ListKind.HELD, "military",
        l.held(), ru, random));
    List<Blinded> requestedTwice = timed(t, 2, () -> ru.reblindAll(blinded(requested)));
    List<Blinded> heldTwice = timed(t, 3, () -> ua.reblindAll(blinded(held)));
    ListMatch m = timed(t, 4, () -> ListMatch.of(requested.commitment(), requestedTwice,
        held.commitment(), heldTwice));
    timed(t, 5, () -> fold(x, requested, held, requestedTwice, heldTwice));
    timed(t, 6, () -> plain(l));
    timed(t, 7, () -> hmac(l, random));
    if (m.matchedRequested() != l.expected()) {
      throw new IllegalStateException("blinded match found " + m.matchedRequested()
          + " persons, the plain match keys " + l.expected());
    }
    return new Figures(l.requested().size(), l.overlap(), l.expected(), m.matchedRequested(),
        ForkJoinPool.getCommonPoolParallelism() + 1, List.of(t));
  }

  private static List<Blinded> blinded(PrivateList p) {
    return p.commitment().entries().stream().map(ListEntry::blinded).toList();
  }

  private static ExchangeState fold(String x, PrivateList requested, PrivateList held,
      List<Blinded> requestedTwice, List<Blinded> heldTwice) {
    Arrangement a = new Arrangement(x, List.of("UA", "RU"), List.of("UAE"), "ICRC",
        Arrangement.usualCategories(), List.of(new Arrangement.Stage(1, LocalDate.now())));
    ExchangeRegime regime = new ExchangeRegime(List.of(Party.of("UA", Party.PARTY),
        Party.of("RU", Party.PARTY), Party.of("UAE", Party.MEDIATOR),
        Party.of("ICRC", Party.NEUTRAL_INTERMEDIARY)));
    Instant now = Instant.now();
    Exchanges s = regime.empty();
    int n = 0;
    List<Sent> steps = new ArrayList<>(List.of(new Sent("UAE", a)));
    steps.addAll(inParts("UA", requested.commitment()));
    steps.addAll(inParts("RU", held.commitment()));
    steps.addAll(blindingInParts("RU", requested.commitment(), requestedTwice));
    steps.addAll(blindingInParts("UA", held.commitment(), heldTwice));
    for (Sent step : steps) {
      Outcome<Exchanges> o = regime.apply(s, ExchangeJson.step(new EntryRef(step.party(), n++),
          now, step.message()));
      if (o instanceof Refused<Exchanges> r) {
        throw new IllegalStateException("bench step refused: " + r.refusal().reason());
      }
      s = ((Next<Exchanges>) o).state();
    }
    return s.exchange(x).orElseThrow();
  }

  /** A list as its owner sends it: declared, then in parts ({@link ListParts}). */
  private static List<Sent> inParts(String party, ListCommitment c) {
    Split split = ListParts.split(c);
    List<Sent> out = new ArrayList<>(List.of(new Sent(party, split.declaration())));
    split.parts().forEach(p -> out.add(new Sent(party, p)));
    return out;
  }

  /** The other Party's blinding of {@code c}, part by part. */
  private static List<Sent> blindingInParts(String party, ListCommitment c,
      List<Blinded> values) {
    List<Sent> out = new ArrayList<>();
    for (int p = 1; p <= ListParts.partsFor(c.count()); p++) {
      out.add(new Sent(party, new Reblind(c.exchange(), c.id(), c.root(), p,
          ListParts.slice(values, c.count(), p))));
    }
    return out;
  }

  /** A message and who sends it. */
  private record Sent(String party, ExchangeMessage message) {}

  private static int plain(Lists l) {
    Set<MatchKey> keys = new HashSet<>();
    l.requested().forEach(p -> keys.add(MatchKey.of(p)));
    return (int) l.held().stream().filter(p -> keys.contains(MatchKey.of(p))).count();
  }

  private static int hmac(Lists l, SecureRandom random) {
    byte[] k = new byte[32];
    random.nextBytes(k);
    Set<String> tags = new HashSet<>();
    l.requested().forEach(p -> tags.add(tag(k, p)));
    return (int) l.held().stream().filter(p -> tags.contains(tag(k, p))).count();
  }

  private static String tag(byte[] key, PersonRecord p) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] t = mac.doFinal(MatchKey.of(p).value().getBytes(StandardCharsets.UTF_8));
      return new String(t, StandardCharsets.ISO_8859_1);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T timed(Stage[] t, int i, Supplier<T> work) {
    long cpu = cpu();
    long start = System.nanoTime();
    T out = work.get();
    t[i] = new Stage(STAGES[i], System.nanoTime() - start, cpu() - cpu);
    return out;
  }

  /** CPU time of the whole process (every thread), or 0 where the JVM does not say. */
  private static long cpu() {
    return ManagementFactory.getOperatingSystemMXBean()
        instanceof OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
  }
}
