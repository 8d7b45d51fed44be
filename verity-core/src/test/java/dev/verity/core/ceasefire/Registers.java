package dev.verity.core.ceasefire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.ceasefire.Action.Countersign;
import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.ceasefire.Action.ProposeCommitment;
import dev.verity.core.ceasefire.Participant.Role;
import java.time.Instant;
import java.util.List;

/**
 * A register under test: Ukraine and Russia as Parties, a monitor (SMM) and a mediator (US),
 * the bundled vocabulary and the SMM's schedule; steps applied one by one, each asserted accepted
 * or refused as the test says.
 */
final class Registers {
  static final List<Participant> FOUR = List.of(new Participant("UA", Role.PARTY),
      new Participant("RU", Role.PARTY), new Participant("SMM", Role.MONITOR),
      new Participant("US", Role.MEDIATOR));
  static final String EVIDENCE =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  final CeasefireRegime regime;
  Register register;

  Registers(List<Participant> participants, List<String> actors, Vocabulary v,
      ReportSchedule s) {
    regime = new CeasefireRegime(new RegisterRules(participants, actors, v, s));
    register = regime.empty();
  }

  static Registers four() {
    return new Registers(FOUR, List.of("DPR-LPR"), Vocabulary.standard(), ReportSchedule.SMM);
  }

  /** Applies a step that must be accepted. */
  Registers ok(String who, Instant at, Action a) {
    Outcome o = regime.apply(register, new Step(who, at, a));
    assertThat(o.refusal()).as("%s at %s: %s", who, at, a).isNull();
    register = o.register();
    return this;
  }

  /** Applies a step that must be refused for {@code reason}; the register stays the same. */
  Refusal refused(String who, Instant at, Action a, Refusal.Reason reason) {
    Outcome o = regime.apply(register, new Step(who, at, a));
    assertThat(o.refusal()).as("%s at %s", who, at).isNotNull();
    assertThat(o.refusal().reason()).as(o.refusal().words()).isEqualTo(reason);
    assertThat(o.register()).isSameAs(register);
    return o.refusal();
  }

  /** Proposes {@code c} as {@code by} and has every other participant countersign it. */
  Registers inForce(Commitment c, String by, Instant at) {
    ok(by, at, new ProposeCommitment(c));
    for (Participant p : register.rules().participants()) {
      if (!p.id().equals(by) && p.role() != Role.OBSERVER) {
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
        .position(new Position(region, new Place.Point(48.0, 37.8), null, null))
        .means(Means.HEARD).category(category, null).count(Count.exact(n));
  }
}
