package dev.verity.core.protocol;

import dev.verity.core.agreement.Protocol;
import dev.verity.core.agreement.Protocol.Ladder;
import dev.verity.core.agreement.Protocol.Rung;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Obligation.Escalation;
import dev.verity.core.regime.Obligation.Kind;
import dev.verity.core.regime.Obligation.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A protocol's obligations as seen at an instant: every deadline owed, and what each missed one
 * set off. An escalation ladder follows the on-call tools' policies (GoAlert): the first rung is
 * set off when the deadline passes, each rung's {@code delay} is how long before the next, after
 * the last rung the ladder starts again {@code repeat} times, and after the last rung of the last
 * round (and its delay) comes the alarm, for whoever owed the deadline or the roles the ladder
 * names. Meeting the deadline stops the ladder: no rung is set off at or after the step that met
 * it. Recurring deadlines are {@link Recurrences}.
 */
final class Obligations {
  private final Protocol protocol;
  private final ProtocolRules rules;
  private final Roles roles;
  private final Recurrences recurring;

  Obligations(Protocol protocol, ProtocolRules rules, Roles roles, Recurrences recurring) {
    this.protocol = protocol;
    this.rules = rules;
    this.roles = roles;
    this.recurring = recurring;
  }

  List<Obligation> at(ProtocolState state, Instant asOf) {
    List<Obligation> out = new ArrayList<>();
    for (Subject s : state.subjects()) {
      for (Protocol.DeadlineRule d : protocol.deadlines()) {
        for (ProtocolRules.Owed o : rules.owed(s, d, state)) {
          owed(o, asOf, out);
        }
      }
    }
    for (Protocol.Recurring r : protocol.recurring()) {
      recurring.at(r, state, asOf, out);
    }
    out.sort(Obligation.ORDER);
    return out;
  }

  private void owed(ProtocolRules.Owed o, Instant asOf, List<Obligation> out) {
    Instant metAt = o.met() == null ? null : o.met().at();
    Instant cancelled = o.cancelled() == null ? null : o.cancelled().at();
    if (cancelled != null && !cancelled.isAfter(asOf)
        && (metAt == null || metAt.isAfter(cancelled))) {
      return; // void: the step that cancels it came first
    }
    Status st = Obligation.judge(o.start(), o.due(), metAt, asOf);
    out.add(new Obligation(protocol.id(), Kind.DEADLINE, o.rule().id(), o.subject().id(),
        o.party(), o.due(), st, st == Status.MET || st == Status.LATE ? o.met().entry() : null,
        null));
    if (!o.due().isBefore(asOf) || !o.missed() || o.rule().onMissed() == null) {
      return;
    }
    Protocol.Missed m = o.rule().onMissed();
    Instant stop = metAt != null && !metAt.isAfter(asOf) ? metAt : null;
    if (m.alarms()) {
      out.add(alarm(o, o.party(), o.due(), 0, asOf));
    }
    if (m.escalate() != null) {
      ladder(o, m.escalate(), stop, asOf, out);
    }
  }

  private void ladder(ProtocolRules.Owed o, Ladder l, Instant stop, Instant asOf,
      List<Obligation> out) {
    Instant t = o.due();
    for (int round = 1; round <= 1 + l.repeats(); round++) {
      for (Rung r : l.steps()) {
        if (stop != null && !t.isBefore(stop)) {
          return;
        }
        rung(o, r, round, t, asOf, out);
        t = t.plus(r.delay() == null ? Duration.ZERO : r.delay().duration());
      }
    }
    if (l.alarms() && (stop == null || t.isBefore(stop))) {
      for (String party : l.alarmTo().isEmpty() ? List.of(o.party())
          : roles.holders(l.alarmTo(), o.subject())) {
        out.add(alarm(o, party, t, 1 + l.repeats(), asOf));
      }
    }
  }

  private void rung(ProtocolRules.Owed o, Rung r, int round, Instant t, Instant asOf,
      List<Obligation> out) {
    Subject s = o.subject();
    for (String party : r.by().isEmpty() ? List.of(o.party()) : roles.holders(r.by(), s)) {
      Subject.Taken answer = r.step() == null ? null : s.steps().stream().filter(x -> x.step()
          .equals(r.step()) && x.party().equals(party) && !x.at().isBefore(t)
          && !x.at().isAfter(asOf)).findFirst().orElse(null);
      Status st = answer != null ? Status.MET : t.isAfter(asOf) ? Status.PENDING : Status.DUE;
      out.add(new Obligation(protocol.id(), Kind.ESCALATION, r.id(), s.id(), party, t, st,
          answer == null ? null : answer.entry(), new Escalation(o.rule().id(), round)));
    }
  }

  /** An alarm raised at {@code t} for {@code party} (due once raised, pending while ahead). */
  private Obligation alarm(ProtocolRules.Owed o, String party, Instant t, int round,
      Instant asOf) {
    return new Obligation(protocol.id(), Kind.ALARM, o.rule().id(), o.subject().id(), party, t,
        t.isAfter(asOf) ? Status.PENDING : Status.DUE, null, new Escalation(o.rule().id(), round));
  }
}
