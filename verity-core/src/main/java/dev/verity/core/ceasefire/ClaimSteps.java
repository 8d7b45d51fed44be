package dev.verity.core.ceasefire;

import static dev.verity.core.ceasefire.CommitmentSteps.refuse;
import static dev.verity.core.ceasefire.CommitmentSteps.role;

import dev.verity.core.agreement.Party;
import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.ceasefire.Answer.Dispute;
import dev.verity.core.ceasefire.Answer.Finding;
import dev.verity.core.ceasefire.Answer.VerificationRequest;
import dev.verity.core.message.Fields;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Observations, claims, their answers, and the monitor's freedom-of-movement restrictions. A
 * claim's standing is decided when it is filed (its event against the commitment's dates, scope and
 * releases); a counted claim is tallied in the report day of its event, or, filed after that day's
 * report closed, as late in the day it was filed, so a closed report never changes.
 */
final class ClaimSteps {
  private ClaimSteps() {}

  static Outcome<Register> file(Register r, Step s, FileClaim f) {
    Party who = role(r, s);
    if (!RegisterRules.active(who)) {
      return refuse(Rule.WRONG_SENDER, "an " + RegisterRules.role(who) + " files nothing");
    }
    boolean monitor = who.is(Party.MONITOR);
    if (monitor != s.type().equals(CeasefireMessages.OBSERVATION)) {
      return refuse(Rule.WRONG_SENDER, monitor ? "the monitor files observations ("
          + CeasefireMessages.OBSERVATION + "), not claims" : "only the monitor files "
          + "observations; a Party or the mediator files claims (" + CeasefireMessages.CLAIM + ")");
    }
    if (!Fields.id(f.claim()) || f.observation() == null) {
      return refuse(Rule.MALFORMED, "a claim needs an id (1 to " + Fields.MAX_ID
          + " characters) and an observation");
    }
    if (r.claim(f.claim()).isPresent()) {
      return refuse(Rule.DUPLICATE, "claim id " + f.claim() + " is taken");
    }
    Observation o = f.observation();
    CommitmentRecord c = r.commitment(o.commitment()).orElse(null);
    if (c == null) {
      return refuse(Rule.UNKNOWN_COMMITMENT, "no commitment " + o.commitment());
    }
    Refusal bad = Checks.observation(r.rules(), o);
    if (bad != null) {
      return Outcome.refused(bad);
    }
    if (o.period().to().isAfter(s.at())) {
      return refuse(Rule.FUTURE_EVENT, "the event (to " + o.period().to()
          + ") is later than its filing at " + s.at());
    }
    return Outcome.next(filed(r, s, f, c));
  }

  private static Register filed(Register r, Step s, FileClaim f, CommitmentRecord c) {
    Observation o = f.observation();
    ReportSchedule sched = r.rules().schedule();
    LocalDate day = sched.day(o.period().to());
    boolean late = s.at().isAfter(sched.period(day).to());
    ClaimRecord rec = new ClaimRecord(f.claim(), s.party(), RegisterRules.role(role(r, s)),
        s.at(), o,
        standing(c, o), day, late, List.of(), List.of());
    return r.filing(rec, late ? sched.day(s.at()) : day);
  }

  /** Whether the observation counts against {@code c}; see {@link Standing}. */
  static Standing standing(CommitmentRecord c, Observation o) {
    Commitment t = c.terms();
    if (c.inForceFrom() == null || o.period().from().isBefore(c.inForceFrom())) {
      return Standing.BEFORE_START;
    }
    if (t.expiresAt() != null && !o.period().to().isBefore(t.expiresAt())) {
      return Standing.AFTER_END;
    }
    boolean region = t.regions().isEmpty() || t.regions().contains(o.position().region());
    boolean object = o.protectedObject() == null
        || t.protectedObjects().contains(o.protectedObject());
    if (!region || !object) {
      return Standing.OUT_OF_SCOPE;
    }
    CommitmentRecord.Release rel = o.attributedTo() == null ? null
        : c.releases().get(o.attributedTo());
    boolean released = rel != null && !o.period().from().isBefore(rel.at());
    return released ? Standing.RELEASED : Standing.COUNTED;
  }

  static Outcome<Register> answer(Register r, Step s, Answer a) {
    ClaimRecord c = r.claimOrNull(a.claim() == null ? "" : a.claim());
    if (c == null) {
      return refuse(Rule.UNKNOWN_CLAIM, "no claim " + a.claim());
    }
    Refusal why = sender(role(r, s), s.party(), c, a);
    if (why == null) {
      why = content(r.rules(), a);
    }
    if (why != null) {
      return Outcome.refused(why);
    }
    return Outcome.next(r.replacing(c.withAnswer(new AnswerRecord(s.party(), s.at(), a))));
  }

  /**
   * The other side acknowledges or disputes; a Party or the mediator asks the monitor to verify;
   * only the monitor finds.
   */
  private static Refusal sender(Party role, String who, ClaimRecord c, Answer a) {
    if (a instanceof Finding) {
      return role.is(Party.MONITOR) ? null : wrong("only the monitor records a finding");
    }
    if (a instanceof VerificationRequest) {
      return role.is(Party.PARTY) || role.is(Party.MEDIATOR) ? null
          : wrong("a Party or the mediator asks the monitor to verify");
    }
    if (!role.is(Party.PARTY) || who.equals(c.filer())) {
      return wrong("only another Party than the filer acknowledges or disputes a claim");
    }
    return null;
  }

  private static Refusal content(RegisterRules rules, Answer a) {
    if (a instanceof Dispute d) {
      if (d.ground() == null || !Checks.text(d.statement())) {
        return Checks.bad("a dispute needs a ground (facts or attribution)");
      }
      return actor(rules, d.attribution(), "attribution");
    }
    if (a instanceof Finding f) {
      if (f.status() == null || !Checks.text(f.note()) || f.evidence().size() > Checks.MAX_LIST
          || !f.evidence().stream().allMatch(Fields::sha256)) {
        return Checks.bad("a finding needs a status; evidence as SHA-256 hashes in hex");
      }
      return actor(rules, f.attributedTo(), "attributedTo");
    }
    String text = a instanceof VerificationRequest v ? v.request()
        : ((Answer.Acknowledgement) a).note();
    return Checks.text(text) ? null : Checks.bad("at most " + Checks.MAX_TEXT + " characters");
  }

  private static Refusal actor(RegisterRules rules, String id, String field) {
    if (id != null && !rules.knowsActor(id)) {
      return Checks.bad(field + ": '" + id + "' is no participant or known actor");
    }
    return null;
  }

  static Outcome<Register> restriction(Register r, Step s, Restriction x) {
    if (!role(r, s).is(Party.MONITOR)) {
      return refuse(Rule.WRONG_SENDER, "only the monitor records a restriction of its "
          + "freedom of movement");
    }
    Refusal why = restrictionFields(r.rules(), x, s.at());
    if (why != null) {
      return Outcome.refused(why);
    }
    if (r.restriction(x.id()).isPresent()) {
      return refuse(Rule.DUPLICATE, "restriction id " + x.id() + " is taken");
    }
    return Outcome.next(r.with(x));
  }

  private static Refusal restrictionFields(RegisterRules rules, Restriction x, Instant at) {
    if (x == null || !Fields.id(x.id()) || x.at() == null || x.kind() == null) {
      return Checks.bad("a restriction needs an id, a time and a kind");
    }
    if (x.at().isAfter(at)) {
      return Rule.FUTURE_EVENT.refusal("the restriction (at " + x.at()
          + ") is later than its filing at " + at);
    }
    Duration d = x.duration();
    if (d != null && d.isNegative() || x.kind() == Restriction.Kind.DELAY && (d == null
        || d.isZero())) {
      return Checks.bad("duration: a delay needs how long it lasted; never negative");
    }
    boolean texts = Checks.text(x.actor()) && Checks.text(x.statedReason())
        && Checks.text(x.outcome()) && Checks.text(x.mandate());
    return texts ? Checks.position(rules, x.position()) : Checks.bad("a text is too long");
  }

  private static Refusal wrong(String words) {
    return Rule.WRONG_SENDER.refusal(words);
  }
}
