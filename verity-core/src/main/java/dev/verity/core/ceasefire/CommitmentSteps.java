package dev.verity.core.ceasefire;

import dev.verity.core.agreement.Party;
import dev.verity.core.ceasefire.Action.Countersign;
import dev.verity.core.ceasefire.Action.InvokeRelease;
import dev.verity.core.ceasefire.Action.OpenSite;
import dev.verity.core.ceasefire.Answer.Finding;
import dev.verity.core.ceasefire.Answer.FindingStatus;
import dev.verity.core.ceasefire.ClaimRecord.OpenedSite;
import dev.verity.core.ceasefire.CommitmentRecord.Release;
import dev.verity.core.ceasefire.CommitmentRecord.Status;
import dev.verity.core.message.Fields;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Step;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Commitments: proposal, countersignature of the exact terms (domain file §0: "countersigned by all
 * parties before it takes effect"), release on breach against a recorded determination, and the
 * opening of a sealed site for one claim.
 */
final class CommitmentSteps {
  private CommitmentSteps() {}

  static Outcome<Register> propose(Register r, Step s, Commitment c) {
    Party role = role(r, s);
    if (!role.is(Party.PARTY) && !role.is(Party.MEDIATOR)) {
      return refuse(Rule.WRONG_SENDER, "only a Party or the mediator proposes a commitment");
    }
    Refusal bad = terms(r.rules(), c, s.at());
    if (bad != null) {
      return Outcome.refused(bad);
    }
    if (r.commitment(c.id()).isPresent()) {
      return refuse(Rule.DUPLICATE, "commitment " + c.id() + " was proposed before");
    }
    CommitmentRecord rec = new CommitmentRecord(c, c.termsHash(), s.party(), s.at(),
        new TreeMap<>(), null, new TreeMap<>());
    return Outcome.next(r.with(rec.countersigned(s.party(), s.at(),
        r.rules().participants())));
  }

  private static Refusal terms(RegisterRules rules, Commitment c, Instant at) {
    if (c == null || !Fields.id(c.id()) || c.effectiveFrom() == null || !Checks.text(c.scope())) {
      return Checks.bad("a commitment needs an id, an agreed start (effectiveFrom) and a scope");
    }
    if (c.expiresAt() != null && !c.expiresAt().isAfter(c.effectiveFrom())) {
      return Checks.bad("expiresAt (" + c.expiresAt() + ") must be after effectiveFrom ("
          + c.effectiveFrom() + ")");
    }
    if (c.expiresAt() != null && !at.isBefore(c.expiresAt())) {
      return Rule.EXPIRED.refusal("the agreed end " + c.expiresAt() + " has passed");
    }
    Vocabulary v = rules.vocabulary();
    Refusal unknown = Checks.allKnown("region", c.regions(), v::hasRegion);
    if (unknown == null) {
      unknown = Checks.allKnown("protected-object category", c.protectedObjects(),
          v::hasProtectedObject);
    }
    return unknown == null ? sealedSites(rules, c.sealedSites()) : unknown;
  }

  private static Refusal sealedSites(RegisterRules rules, Map<String, SealedSiteList> sites) {
    for (Map.Entry<String, SealedSiteList> e : sites.entrySet()) {
      boolean party = rules.participant(e.getKey()).map(p -> p.is(Party.PARTY))
          .orElse(false);
      SealedSiteList l = e.getValue();
      if (!party || l == null || !Fields.sha256(l.root()) || l.size() < 0) {
        return Checks.bad("sealedSites: a Party's list needs a SHA-256 root and a size ("
            + e.getKey() + ")");
      }
    }
    return null;
  }

  static Outcome<Register> countersign(Register r, Step s, Countersign c) {
    if (!RegisterRules.active(role(r, s))) {
      return refuse(Rule.WRONG_SENDER, "only a Party, the monitor or the mediator countersigns");
    }
    CommitmentRecord rec = r.commitment(c.commitment()).orElse(null);
    if (rec == null) {
      return refuse(Rule.UNKNOWN_COMMITMENT, "no commitment " + c.commitment());
    }
    if (rec.countersignatures().containsKey(s.party())) {
      return refuse(Rule.DUPLICATE, s.party() + " already signed " + c.commitment());
    }
    if (rec.terms().expiresAt() != null && !s.at().isBefore(rec.terms().expiresAt())) {
      return refuse(Rule.EXPIRED, "the agreed end " + rec.terms().expiresAt() + " has passed");
    }
    if (!rec.termsHash().equals(c.termsHash())) {
      return refuse(Rule.TERMS_MISMATCH, "the countersignature names terms " + c.termsHash()
          + "; commitment " + c.commitment() + " has terms " + rec.termsHash());
    }
    return Outcome.next(r.with(rec.countersigned(s.party(), s.at(),
        r.rules().participants())));
  }

  static Outcome<Register> release(Register r, Step s, InvokeRelease rel) {
    if (!role(r, s).is(Party.PARTY)) {
      return refuse(Rule.WRONG_SENDER, "only a Party invokes release on breach");
    }
    CommitmentRecord rec = r.commitment(rel.commitment()).orElse(null);
    if (rec == null) {
      return refuse(Rule.UNKNOWN_COMMITMENT, "no commitment " + rel.commitment());
    }
    if (rec.status(s.at()) != Status.IN_FORCE) {
      return refuse(Rule.NOT_IN_FORCE, rel.commitment() + " is not in force");
    }
    if (rec.releases().containsKey(s.party())) {
      return refuse(Rule.DUPLICATE, s.party() + " was already released");
    }
    String why = determination(r, rec, rel.claim(), s.party());
    if (why != null) {
      return refuse(Rule.NO_DETERMINATION, why);
    }
    String by = r.claimOrNull(rel.claim()).finding().map(Finding::attributedTo).orElseThrow();
    return Outcome.next(r.with(rec.released(s.party(), new Release(s.at(), rel.claim(), by))));
  }

  /** Null when claim {@code id} carries a determination of breach by another Party. */
  private static String determination(Register r, CommitmentRecord rec, String id, String party) {
    if (!rec.terms().releaseOnBreach()) {
      return rec.terms().id() + " has no release-on-breach clause";
    }
    ClaimRecord c = r.claimOrNull(id == null ? "" : id);
    if (c == null || !rec.terms().id().equals(c.observation().commitment())
        || c.standing() != Standing.COUNTED) {
      return "claim " + id + " is not a counted claim under " + rec.terms().id();
    }
    Finding f = c.finding().orElse(null);
    boolean other = f != null && f.attributedTo() != null && !f.attributedTo().equals(party)
        && r.rules().participant(f.attributedTo()).map(p -> p.is(Party.PARTY))
            .orElse(false);
    if (f == null || f.status() != FindingStatus.CORROBORATED || !other) {
      return "claim " + id + " has no monitor's finding that corroborates it and attributes it "
          + "to another Party: a release needs a recorded determination, not an assertion";
    }
    return null;
  }

  static Outcome<Register> openSite(Register r, Step s, OpenSite o) {
    if (!role(r, s).is(Party.PARTY)) {
      return refuse(Rule.WRONG_SENDER, "only the Party that sealed a list opens it");
    }
    ClaimRecord c = r.claimOrNull(o.claim() == null ? "" : o.claim());
    if (c == null) {
      return refuse(Rule.UNKNOWN_CLAIM, "no claim " + o.claim());
    }
    String why = opening(r, s.party(), c, o.opening());
    if (why != null) {
      return refuse(Rule.OPENING_INVALID, why);
    }
    boolean again = c.openings().stream().anyMatch(x -> x.opening().site().id()
        .equals(o.opening().site().id()));
    if (again) {
      return refuse(Rule.DUPLICATE, "that site was already opened for claim " + c.id());
    }
    return Outcome.next(r.replacing(c.withOpening(new OpenedSite(s.party(), s.at(),
        o.opening()))));
  }

  private static String opening(Register r, String party, ClaimRecord c, SiteOpening o) {
    String object = c.observation().protectedObject();
    if (object == null) {
      return "claim " + c.id() + " is not about a protected object";
    }
    if (o == null || o.site() == null) {
      return "the opening names no site";
    }
    if (!object.equals(o.site().category())) {
      return "the site is a " + o.site().category() + ", the claim is about a " + object;
    }
    CommitmentRecord rec = r.commitment(c.observation().commitment()).orElseThrow();
    SealedSiteList list = rec.terms().sealedSites().get(party);
    if (list == null) {
      return party + " sealed no site list under " + rec.terms().id();
    }
    return SealedSites.problem(list, o);
  }

  static Party role(Register r, Step s) {
    return r.rules().participant(s.party()).orElseThrow();
  }

  static Outcome<Register> refuse(Rule rule, String words) {
    return Outcome.refused(rule.refusal(words));
  }
}
