package dev.verity.core.ceasefire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.ceasefire.Action.Countersign;
import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.ceasefire.Action.InvokeRelease;
import dev.verity.core.ceasefire.Answer.Acknowledgement;
import dev.verity.core.ceasefire.Answer.Dispute;
import dev.verity.core.ceasefire.Answer.Finding;
import dev.verity.core.ceasefire.Answer.FindingStatus;
import dev.verity.core.ceasefire.Answer.Ground;
import dev.verity.core.ceasefire.Answer.VerificationRequest;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Step;
import dev.verity.core.schema.Fields;
import dev.verity.core.schema.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for the register fold: random commitments, countersignatures, claims, answers,
 * releases and restrictions from random participants at random (mostly increasing) times, each
 * written as the message its type declares (places with random coordinates in the fields). The
 * fold must never throw: every bad step is a typed refusal that leaves the register as it was,
 * and folding the same steps twice gives the same register and the same reports. Replays the
 * committed seeds in {@code RegisterFuzzTestInputs/fold/} in a normal run; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class RegisterFuzzTest {
  static final String[] WHO = {"UA", "RU", "SMM", "US", "XX", null};
  static final String[] IDS = {"c1", "c2", "k1", "k2", "k3", "", null};
  static final String[] CATEGORIES = {"explosion", "burst-and-shot", "protected-object-strike",
      "nope", null};
  static final String[] REGIONS = {"donetsk", "luhansk", "atlantis", null};
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @FuzzTest
  void fold(FuzzedDataProvider data) {
    List<Step> steps = new ArrayList<>();
    Map<String, String> proposed = new HashMap<>();
    Instant t = T0;
    int n = data.consumeInt(0, 60);
    for (int i = 0; i < n; i++) {
      t = t.plusSeconds(data.consumeInt(-600, 6 * 3600));
      Action a = action(data, t, proposed);
      if (a instanceof Commitment c && c.id() != null) {
        proposed.put(c.id(), c.termsHash());
      }
      steps.add(step(new EntryRef(data.pickValue(WHO), i), t, a, data));
    }
    Register a = foldChecked(steps);
    Register b = foldChecked(steps);
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.commitments()).isEqualTo(a.commitments());
    assertThat(b.restrictions()).isEqualTo(a.restrictions());
    for (CommitmentRecord c : a.commitments()) {
      for (int d = 0; d < 20; d++) {
        LocalDate day = LocalDate.of(2026, 3, 1).plusDays(d);
        assertThat(b.dailyReport(c.terms().id(), day))
            .isEqualTo(a.dailyReport(c.terms().id(), day));
        assertThat(b.sideBySide(c.terms().id(), day, null))
            .isEqualTo(a.sideBySide(c.terms().id(), day, null));
      }
    }
  }

  private static Register foldChecked(List<Step> steps) {
    CeasefireRegime regime = Registers.four().regime;
    Register r = regime.empty();
    for (Step s : steps) {
      Outcome<Register> o = regime.apply(r, s);
      if (o instanceof Outcome.Refused<Register> x) {
        Refusal why = x.refusal();
        assertThat(why.kind()).isNotNull();
        assertThat(why.rule()).startsWith(CeasefireRegime.ID + "/");
        assertThat(why.reason()).isNotBlank();
      } else {
        r = ((Outcome.Next<Register>) o).state();
      }
    }
    return r;
  }

  /** The step carrying {@code a}, its places (if any) moved to random coordinates. */
  private static Step step(EntryRef e, Instant t, Action a, FuzzedDataProvider d) {
    Step s = CeasefireMessages.step(e, t, a, "SMM".equals(e.party()));
    ObjectNode f = s.fields().json();
    JsonNode place = f.at(a instanceof Restriction ? "/position/place"
        : "/observation/position/place");
    if (place instanceof ObjectNode p && d.consumeBoolean()) {
      p.put("lat", d.consumeDouble()).put("lon", d.consumeDouble());
    }
    return new Step(e, t, s.type(), Fields.of(f));
  }

  private static Action action(FuzzedDataProvider d, Instant t, Map<String, String> proposed) {
    String id = d.pickValue(IDS);
    switch (d.consumeInt(0, 8)) {
      case 0:
        return new Commitment(id, "scope", List.of(), List.of(),
            t.plusSeconds(d.consumeInt(-86_400, 86_400)),
            d.consumeBoolean() ? null : t.plus(Duration.ofDays(d.consumeInt(-2, 30))),
            d.consumeBoolean(), null);
      case 1:
        // mostly the terms proposed under that id, so that commitments come into force
        return new Countersign(id, d.consumeInt(0, 4) > 0 ? proposed.get(id) : "x");
      case 2:
        return new FileClaim(id, observation(d, t));
      case 3:
        return new Acknowledgement(id, d.consumeString(20));
      case 4:
        return new Dispute(id, d.pickValue(new Ground[] {Ground.FACTS, Ground.ATTRIBUTION, null}),
            d.consumeString(20), d.pickValue(WHO));
      case 5:
        return new VerificationRequest(id, d.consumeString(20));
      case 6:
        return new Finding(id, d.pickValue(FindingStatus.values()), d.pickValue(WHO), null,
            List.of());
      case 7:
        return new InvokeRelease(d.pickValue(IDS), id);
      default:
        return new Restriction(id, t.minusSeconds(d.consumeInt(-60, 600)),
            position(d), d.pickValue(Restriction.Kind.values()), null, null,
            d.consumeBoolean() ? null : Duration.ofMinutes(d.consumeInt(-5, 300)), null, null);
    }
  }

  private static Observation observation(FuzzedDataProvider d, Instant t) {
    Instant to = t.minusSeconds(d.consumeInt(-3600, 86_400 * 3));
    Instant from = to.minusSeconds(d.consumeInt(-60, 7200));
    return Observation.builder().commitment(d.pickValue(IDS)).period(new Period(from, to))
        .position(position(d)).category(d.pickValue(CATEGORIES), null)
        .count(new Count(d.consumeLong(-1, 2_000_000),
            d.pickValue(Count.Qualifier.values()))).attributedTo(d.pickValue(WHO))
        .protectedObject(d.consumeBoolean() ? "oil-refinery" : null).build();
  }

  private static Position position(FuzzedDataProvider d) {
    return new Position(d.pickValue(REGIONS), new GeoPoint(48.0, 37.8), d.pickValue(WHO), null);
  }
}
