package dev.verity.core.ceasefire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.agreement.Party;
import dev.verity.core.ceasefire.Action.Countersign;
import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Step;
import dev.verity.core.schema.GeoPoint;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A register under test: Ukraine and Russia as Parties, a monitor (SMM) and a mediator (US),
 * the bundled vocabulary and the SMM's schedule; steps applied one by one, each the message a
 * typed action is written as (an entry of its sender's log), asserted accepted or refused as the
 * test says.
 */
final class Registers {
  static final List<Party> FOUR = List.of(Party.of("UA", Party.PARTY),
      Party.of("RU", Party.PARTY), Party.of("SMM", Party.MONITOR),
      Party.of("US", Party.MEDIATOR));
  static final String EVIDENCE =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  final CeasefireRegime regime;
  Register register;
  private final Map<String, Integer> next = new HashMap<>();

  Registers(List<Party> participants, List<String> actors, Vocabulary v, ReportSchedule s) {
    regime = new CeasefireRegime(new RegisterRules(participants, actors, v, s));
    register = regime.empty();
  }

  static Registers four() {
    return new Registers(FOUR, List.of("DPR-LPR"), Vocabulary.standard(), ReportSchedule.SMM);
  }

  /** The step by which {@code who} sends {@code a} at {@code at}: its next log entry. */
  Step step(String who, Instant at, Action a) {
    boolean monitor = register.rules().participant(who).map(p -> p.is(Party.MONITOR))
        .orElse(false);
    return CeasefireMessages.step(new EntryRef(who, next.merge(who, 1, Integer::sum) - 1), at, a,
        monitor);
  }

  /** Applies a step that must be accepted. */
  Registers ok(String who, Instant at, Action a) {
    Outcome<Register> o = regime.apply(register, step(who, at, a));
    assertThat(o).as("%s at %s: %s", who, at, a).isInstanceOf(Outcome.Next.class);
    register = ((Outcome.Next<Register>) o).state();
    return this;
  }

  /** Applies a step that must be refused under {@code rule}; the register stays the same. */
  Refusal refused(String who, Instant at, Action a, Rule rule) {
    return refused(step(who, at, a), rule);
  }

  /** Applies {@code s}, which must be refused under {@code rule}. */
  Refusal refused(Step s, Rule rule) {
    Register before = register;
    Outcome<Register> o = regime.apply(register, s);
    assertThat(o).as("%s at %s", s.party(), s.at()).isInstanceOf(Outcome.Refused.class);
    Refusal r = ((Outcome.Refused<Register>) o).refusal();
    assertThat(r.rule()).as(r.reason()).isEqualTo(rule.id());
    assertThat(r.kind()).isEqualTo(rule.kind());
    assertThat(register).isSameAs(before);
    return r;
  }

  /** The register after {@code s}: the next one, or {@code state} when {@code s} is refused. */
  static Register after(CeasefireRegime regime, Register state, Step s) {
    return regime.apply(state, s) instanceof Outcome.Next<Register> n ? n.state() : state;
  }

  /** Proposes {@code c} as {@code by} and has every other participant countersign it. */
  Registers inForce(Commitment c, String by, Instant at) {
    ok(by, at, c);
    for (Party p : register.rules().participants()) {
      if (!p.id().equals(by) && RegisterRules.active(p)) {
        ok(p.id(), at, new Countersign(c.id(), c.termsHash()));
      }
    }
    return this;
  }

  Registers file(String who, Instant at, String id, Observation o) {
    return ok(who, at, new FileClaim(id, o));
  }

  static Commitment commitment(String id, Instant from, Instant to) {
    return new Commitment(id, "cessation of fire along the line of contact", List.of(), List.of(),
        from, to, false, null);
  }

  /** An observation of {@code n} ceasefire violations of {@code category} at {@code t}. */
  static Observation.Builder seen(String commitment, String region, String category, long n,
      Instant t) {
    return Observation.builder().commitment(commitment).period(Period.at(t))
        .position(new Position(region, new GeoPoint(48.0, 37.8), null, null))
        .means(Means.HEARD).category(category, null).count(Count.exact(n));
  }
}
