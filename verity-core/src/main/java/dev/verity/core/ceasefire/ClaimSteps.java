package dev.verity.core.ceasefire;

import static dev.verity.core.ceasefire.CommitmentSteps.refuse;
import static dev.verity.core.ceasefire.CommitmentSteps.role;

import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.ceasefire.Answer.Dispute;
import dev.verity.core.ceasefire.Answer.Finding;
import dev.verity.core.ceasefire.Answer.VerificationRequest;
import dev.verity.core.ceasefire.Participant.Role;
import dev.verity.core.ceasefire.Refusal.Reason;
import dev.verity.core.message.Fields;
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

  static Outcome file(Register r, Step s, FileClaim f) {
    if (!role(r, s).files()) {
      return refuse(r, Reason.WRONG_SENDER, "an observer files nothing");
    }
    if (!Fields.id(f.id()) || f.observation() == null) {
      return refuse(r, Reason.MALFORMED, "a claim needs an id (1 to " + Fields.MAX_ID
          + " characters) and an observation");
    }
    if (r.claim(f.id()).isPresent()) {
      return refuse(r, Reason.DUPLICATE, "claim id " + f.id() + " is taken");
    }
    Observation o = f.observation();
    CommitmentRecord c = r.commitment(o.commitment()).orElse(null);
    if (c == null) {
      return refuse(r, Reason.UNKNOWN_COMMITMENT, "no commitment " + o.commitment());
    }
    Refusal bad = Checks.observation(r.rules(), o);
    if (bad != null) {
      return new Outcome(r, bad);
    }
    if (o.period().to().isAfter(s.at())) {
      return refuse(r, Reason.FUTURE_EVENT, "the event (to " + o.period().to()
          + ") is later than its filing at " + s.at());
    }
    return Outcome.ok(filed(r, s, f, c));
  }

  private static Register filed(Register r, Step s, FileClaim f, CommitmentRecord c) {
    Observation o = f.observation();
    ReportSchedule sched = r.rules().schedule();
    LocalDate day = sched.day(o.period().to());
    boolean late = s.at().isAfter(sched.period(day).to());
    ClaimRecord rec = new ClaimRecord(f.id(), s.participant(), role(r, s), s.at(), o,
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

  static Outcome answer(Register r, Step s, Answer a) {
    ClaimRecord c = r.claimOrNull(a.claim() == null ? "" : a.claim());
    if (c == null) {
      return refuse(r, Reason.UNKNOWN_CLAIM, "no claim " + a.claim());
    }
    Refusal why = sender(role(r, s), s.participant(), c, a);
    if (why == null) {
      why = content(r.rules(), a);
    }
    if (why != null) {
      return new Outcome(r, why);
    }
    return Outcome.ok(r.replacing(c.withAnswer(new AnswerRecord(s.participant(), s.at(), a))));
  }

  /**
   * The other side acknowledges or disputes; a Party or the mediator asks the monitor to verify;
   * only the monitor finds.
   */
  private static Refusal sender(Role role, String who, ClaimRecord c, Answer a) {
    if (a instanceof Finding) {
      return role == Role.MONITOR ? null : wrong("only the monitor records a finding");
    }
    if (a instanceof VerificationRequest) {
      return role == Role.PARTY || role == Role.MEDIATOR ? null
          : wrong("a Party or the mediator asks the monitor to verify");
    }
    if (role != Role.PARTY || who.equals(c.filer())) {
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

  static Outcome restriction(Register r, Step s, Restriction x) {
    if (role(r, s) != Role.MONITOR) {
      return refuse(r, Reason.WRONG_SENDER, "only the monitor records a restriction of its "
          + "freedom of movement");
    }
    Refusal why = restrictionFields(r.rules(), x, s.at());
    if (why != null) {
      return new Outcome(r, why);
    }
    if (r.restriction(x.id()).isPresent()) {
      return refuse(r, Reason.DUPLICATE, "restriction id " + x.id() + " is taken");
    }
    return Outcome.ok(r.with(x));
  }

  private static Refusal restrictionFields(RegisterRules rules, Restriction x, Instant at) {
    if (x == null || !Fields.id(x.id()) || x.at() == null || x.kind() == null) {
      return Checks.bad("a restriction needs an id, a time and a kind");
    }
    if (x.at().isAfter(at)) {
      return Refusal.of(Reason.FUTURE_EVENT, "the restriction (at " + x.at()
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
    return Refusal.of(Reason.WRONG_SENDER, words);
  }
}
