package dev.verity.core.ceasefire;

import static dev.verity.core.ceasefire.Registers.commitment;
import static dev.verity.core.ceasefire.Registers.seen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.ceasefire.Action.Countersign;
import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.ceasefire.Answer.Acknowledgement;
import dev.verity.core.ceasefire.Answer.Dispute;
import dev.verity.core.ceasefire.Answer.Finding;
import dev.verity.core.ceasefire.Answer.FindingStatus;
import dev.verity.core.ceasefire.Answer.Ground;
import dev.verity.core.ceasefire.Answer.VerificationRequest;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Step;
import dev.verity.core.replay.Evaluator;
import dev.verity.core.schema.Fields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental fold ({@link Evaluator#append}) against folding everything again from the
 * start ({@link Evaluator#fold}), as the node uses them (docs/dev/decisions.md, "The provisions
 * fold incrementally"): a seeded random sequence of commitments, claims, observations, answers
 * and findings (some refused: a claim id used twice, an answer to no claim, a finding by a Party)
 * and of the agreement's suspensions and resumptions, partly out of time order as a peer's
 * entries arrive late, is recorded step by step (and some offered as own entries, kept only if
 * accepted). After every step the incremental evaluator and a fresh one folding the kept steps
 * from the start must agree on every refusal, every regime's view, the marks and the
 * obligations.
 */
class IncrementalFoldTest {
  static final Agreement AGREEMENT = CeasefireReplayTest.AGREEMENT;
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  static final String[] SENDERS = {"UA", "RU", "SMM", "US"};
  static final String[] REGIONS = {"donetsk", "luhansk", "kharkiv"};

  /** The node's way: append when the step sorts last in its provision, else fold again. */
  static final class Incremental {
    final Evaluator evaluator = Evaluator.of(AGREEMENT);
    final List<Step> kept = new ArrayList<>();
    Map<EntryRef, Refusal> refused = new LinkedHashMap<>();
    int appended;

    Incremental() {
      evaluator.fold(kept);
    }

    Optional<Refusal> record(Step s) {
      kept.add(s);
      if (!evaluator.appends(s)) {
        refused = new LinkedHashMap<>(evaluator.fold(kept));
        return Optional.ofNullable(refused.get(s.entry()));
      }
      appended++;
      Optional<Refusal> no = evaluator.append(s);
      no.ifPresent(r -> refused.put(s.entry(), r));
      return no;
    }

    Optional<Refusal> tryAccept(Step s) {
      if (evaluator.appends(s)) {
        appended++;
        Optional<Refusal> no = evaluator.append(s);
        if (no.isEmpty()) {
          kept.add(s);
        }
        return no;
      }
      List<Step> with = new ArrayList<>(kept);
      with.add(s);
      Map<EntryRef, Refusal> r = evaluator.fold(with);
      if (r.containsKey(s.entry())) {
        refused = new LinkedHashMap<>(evaluator.fold(kept));
        return Optional.of(r.get(s.entry()));
      }
      kept.add(s);
      refused = new LinkedHashMap<>(r);
      return Optional.empty();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 15})
  void incrementalAndFullFoldsAgreeAfterEveryStep(long seed) throws Exception {
    Random rnd = new Random(seed);
    Incremental inc = new Incremental();
    Map<String, Integer> next = new HashMap<>();
    List<String> claims = new ArrayList<>();
    int refusals = 0;
    int marked = 0;
    List<Step> steps = opening(next);
    Evaluator full = Evaluator.of(AGREEMENT); // folds everything from the start at each step
    Evaluator other = Evaluator.of(AGREEMENT);
    for (int i = 0; i < 240; i++) {
      Instant at = START.plus(Duration.ofMinutes(40L * i + 90));
      if (rnd.nextInt(6) == 0) {
        at = at.minus(Duration.ofMinutes(rnd.nextInt(3000))); // a peer's entry mirrored late
      }
      steps.add(random(rnd, next, claims, at, i));
    }
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      boolean own = rnd.nextInt(3) == 0;
      Optional<Refusal> r = own ? inc.tryAccept(s) : inc.record(s);
      refusals += r.isPresent() ? 1 : 0;
      Map<EntryRef, Refusal> fullRefused = full.fold(inc.kept);
      // refusals and marks after every step; every view and obligation every few steps
      boolean all = i % 8 == 0 || i == steps.size() - 1;
      assertThat(snapshot(inc.evaluator, inc.refused, all))
          .as("after %s (%s)", s.entry(), s.type())
          .isEqualTo(snapshot(full, fullRefused, all));
      assertThat(r).isEqualTo(Optional.ofNullable(own
          ? other.fold(with(inc.kept, s)).get(s.entry()) : fullRefused.get(s.entry())));
      marked = full.marks().size();
    }
    // the sequence exercised both paths, refusals and the marks of a suspension
    assertThat(inc.appended).isGreaterThan(steps.size() / 2).isLessThan(steps.size());
    assertThat(refusals).isPositive();
    assertThat(marked).isPositive();
    assertThat(inc.evaluator.state(CeasefireRegime.ID, Register.class).orElseThrow()
        .claimCount()).isGreaterThan(60);
  }

  @Test
  void aStepBeforeTheLastOfItsProvisionOrOfTheLifeDoesNotAppend() {
    Map<String, Integer> next = new HashMap<>();
    Evaluator e = Evaluator.of(AGREEMENT);
    List<Step> steps = opening(next);
    e.fold(steps);
    Step later = step(next, "UA", START.plusSeconds(7200), new FileClaim("a",
        seen("c", "donetsk", "explosion", 2, START.plusSeconds(3600)).build()));
    Step earlier = step(next, "RU", START.plusSeconds(600), new FileClaim("b",
        seen("c", "luhansk", "explosion", 2, START.plusSeconds(300)).build()));
    assertThat(e.appends(later)).isTrue();
    assertThat(e.append(later)).isEmpty();
    assertThat(e.appends(earlier)).isFalse();
    assertThat(e.appends(suspension(next, "RU", START.plusSeconds(9000)))).isFalse();
  }

  private static List<Step> with(List<Step> kept, Step s) {
    List<Step> out = new ArrayList<>(kept);
    if (!out.contains(s)) {
      out.add(s);
    }
    return out;
  }

  private static List<Step> opening(Map<String, Integer> next) {
    Commitment c = commitment("c", START, null);
    List<Step> steps = new ArrayList<>();
    steps.add(step(next, "US", START, c));
    for (String p : List.of("UA", "RU", "SMM")) {
      steps.add(step(next, p, START.plusSeconds(1), new Countersign("c", c.termsHash())));
    }
    return steps;
  }

  private static Step random(Random rnd, Map<String, Integer> next, List<String> claims,
      Instant at, int i) {
    String who = SENDERS[rnd.nextInt(SENDERS.length)];
    int kind = rnd.nextInt(20);
    if (kind == 0) {
      return suspension(next, "RU", at);
    }
    if (kind == 1) {
      return lifecycle(next, "RU", at, "agreement-resumption", "{}");
    }
    String target = claims.isEmpty() || rnd.nextInt(10) == 0 ? "none" + i
        : claims.get(rnd.nextInt(claims.size()));
    Answer answer = switch (kind) {
      case 2, 3 -> new Acknowledgement(target, null);
      case 4 -> new Dispute(target, Ground.ATTRIBUTION, "not ours", "UA");
      case 5 -> new VerificationRequest(target, "please verify");
      case 6, 7 -> new Finding(target, FindingStatus.values()[rnd.nextInt(3)], null, null,
          null);
      default -> null;
    };
    if (answer != null) {
      return step(next, who, at, answer);
    }
    String id = !claims.isEmpty() && rnd.nextInt(15) == 0 ? claims.get(0) : "k" + i;
    claims.add(id);
    Instant event = at.minus(Duration.ofMinutes(rnd.nextInt(2000)));
    return step(next, who, at, new FileClaim(id, seen("c", REGIONS[rnd.nextInt(3)],
        rnd.nextBoolean() ? "explosion" : "burst-and-shot", 1 + rnd.nextInt(9), event)
        .attributedTo(rnd.nextBoolean() ? "RU" : "UA").build()));
  }

  private static Step step(Map<String, Integer> next, String who, Instant at, Action a) {
    return CeasefireMessages.step(new EntryRef(who, next.merge(who, 1, Integer::sum) - 1), at, a,
        who.equals("SMM"));
  }

  private static Step suspension(Map<String, Integer> next, String who, Instant at) {
    return lifecycle(next, who, at, "agreement-suspension", "{\"statedReason\": \"breaches\"}");
  }

  private static Step lifecycle(Map<String, Integer> next, String who, Instant at, String type,
      String json) {
    try {
      return new Step(new EntryRef(who, next.merge(who, 1, Integer::sum) - 1), at, type,
          Fields.of((ObjectNode) JSON.readTree(json)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Everything a node serves from the fold, as canonical text. */
  private static String snapshot(Evaluator e, Map<EntryRef, Refusal> refused, boolean all)
      throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> r = new TreeMap<>();
    refused.forEach((k, v) -> r.put(k.toString(), v));
    Map<String, Object> marks = new TreeMap<>();
    e.marks().forEach((k, v) -> marks.put(k.toString(), v));
    m.put("refused", r);
    m.put("marks", marks);
    if (all) {
      m.put("views", e.views());
      m.put("obligations", e.obligations(START.plus(Duration.ofDays(20))));
    }
    return JSON.writeValueAsString(m);
  }
}
