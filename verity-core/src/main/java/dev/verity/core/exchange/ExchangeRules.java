package dev.verity.core.exchange;

import static dev.verity.core.exchange.ExchangeRegime.MAX_LIST;
import static dev.verity.core.exchange.ExchangeRegime.firstOf;
import static dev.verity.core.exchange.ExchangeRegime.refuse;
import static dev.verity.core.exchange.Rule.ALREADY_HANDED_OVER;
import static dev.verity.core.exchange.Rule.CONSENT_MISSING;
import static dev.verity.core.exchange.Rule.CONSENT_REFUSED;
import static dev.verity.core.exchange.Rule.DUPLICATE;
import static dev.verity.core.exchange.Rule.MALFORMED;
import static dev.verity.core.exchange.Rule.NOT_ON_LIST;
import static dev.verity.core.exchange.Rule.SIZE_MISMATCH;
import static dev.verity.core.exchange.Rule.UNKNOWN_CATEGORY;
import static dev.verity.core.exchange.Rule.UNKNOWN_LIST;
import static dev.verity.core.exchange.Rule.UNKNOWN_STAGE;
import static dev.verity.core.exchange.Rule.WRONG_SENDER;

import dev.verity.core.exchange.Arrangement.CategoryRule;
import dev.verity.core.exchange.ExchangeMessage.AttestConsent;
import dev.verity.core.exchange.ExchangeMessage.AttestStage;
import dev.verity.core.exchange.ExchangeMessage.CommitList;
import dev.verity.core.exchange.ExchangeMessage.Consent;
import dev.verity.core.exchange.ExchangeMessage.DeclareList;
import dev.verity.core.exchange.ExchangeMessage.HandOver;
import dev.verity.core.exchange.ExchangeMessage.ListPart;
import dev.verity.core.exchange.ExchangeMessage.Reblind;
import dev.verity.core.exchange.ExchangeMessage.ReportCounts;
import dev.verity.core.regime.Refusal;
import dev.verity.tlog.merkle.Hash;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of one step of an arranged exchange, sent by {@code party}: each Party commits its
 * own lists and blinds the other's, the intermediary attests consent, a Party hands over its own
 * listed persons once and the wounded only with consent (GC III Art. 109), each Party reports and
 * each mediator attests a stage once. Empty when the step may be taken, else the refusal.
 */
record ExchangeRules(ExchangeState s, String party) {
  Arrangement arrangement() {
    return s.arrangement();
  }

  Optional<Refusal> of(ExchangeMessage m) {
    if (m instanceof CommitList c) {
      return commit(c);
    } else if (m instanceof DeclareList d) {
      return ListPartRules.declare(this, d);
    } else if (m instanceof ListPart p) {
      return ListPartRules.part(this, p);
    } else if (m instanceof Reblind r) {
      return reblind(r);
    } else if (m instanceof AttestConsent a) {
      return consent(a);
    } else if (m instanceof HandOver h) {
      return handOver(h);
    } else if (m instanceof ReportCounts r) {
      return report(r);
    }
    return attestStage((AttestStage) m);
  }

  private Optional<Refusal> commit(CommitList step) {
    ListCommitment l = step.list();
    if (!l.party().equals(party) || !arrangement().parties().contains(l.party())) {
      return refuse(WRONG_SENDER, party + " may not commit a list of " + l.party()
          + ": each Party commits its own lists");
    }
    return firstOf(category(l.category()), notCommitted(l.id()),
        l.count() > MAX_LIST ? refuse(MALFORMED, l.count() + " entries, at most " + MAX_LIST)
            : Optional.empty(),
        l.rootMatches() ? distinctCommitments(l)
            : refuse(MALFORMED, "the root is not the Merkle root of the " + l.count()
                + " entries"));
  }

  /** Refused as a duplicate when list {@code id} is committed, or declared in parts. */
  Optional<Refusal> notCommitted(ListId id) {
    return s.list(id).isPresent() || s.assembling(id).isPresent()
        ? refuse(DUPLICATE, id.party() + " has already committed its " + id.kind().label()
            + " " + id.category() + " list")
        : Optional.empty();
  }

  private Optional<Refusal> distinctCommitments(ListCommitment l) {
    Set<Hash> seen = new HashSet<>();
    for (ListEntry e : l.entries()) {
      if (!seen.add(e.commitment())) {
        return refuse(MALFORMED, "commitment " + e.commitment() + " is on the list twice");
      }
    }
    return Optional.empty();
  }

  private Optional<Refusal> reblind(Reblind step) {
    ListId target = step.list();
    if (!arrangement().parties().contains(party) || target.party().equals(party)) {
      return refuse(WRONG_SENDER, "only " + arrangement().other(target.party())
          + " blinds " + target.party() + "'s lists, not " + party);
    }
    Optional<ListCommitment> l = s.list(target);
    if (l.isEmpty() || !l.get().root().equals(step.root())) {
      return refuse(UNKNOWN_LIST, "no list " + target + " with root " + step.root());
    }
    if (s.reblinded(target).isPresent()) {
      return refuse(DUPLICATE, target + " is already blinded by " + party);
    }
    int count = l.get().count();
    if (step.part() == 0) {
      return s.blindingParts(target).isEmpty() && step.values().size() == count
          ? Optional.empty()
          : refuse(SIZE_MISMATCH, step.values().size() + " values for the " + count
              + " entries of " + target + (s.blindingParts(target).isEmpty() ? ""
              : ", of which parts " + s.blindingParts(target).keySet() + " are blinded"));
    }
    return ListPartRules.reblindPart(step, count, s.blindingParts(target).keySet());
  }

  private Optional<Refusal> consent(AttestConsent step) {
    if (!party.equals(arrangement().intermediary())) {
      return refuse(WRONG_SENDER, "consent to return is attested by the neutral intermediary "
          + arrangement().intermediary() + ", not " + party);
    }
    Listed l = s.listed(step.list());
    if (l == null || step.list().kind() != ListKind.HELD || l.entry(step.commitment()) == null) {
      return refuse(NOT_ON_LIST, "entry " + step.commitment() + " is not on a committed held"
          + " list " + step.list());
    }
    return Optional.empty();
  }

  private Optional<Refusal> handOver(HandOver step) {
    if (!arrangement().parties().contains(party)) {
      return refuse(WRONG_SENDER, "only a Party hands over persons, not " + party);
    }
    if (arrangement().stage(step.stage()).isEmpty()) {
      return refuse(UNKNOWN_STAGE, "the exchange has no stage " + step.stage());
    }
    if (step.commitments().isEmpty()
        || new HashSet<>(step.commitments()).size() != step.commitments().size()) {
      return refuse(MALFORMED, "a handover names each entry once, and at least one");
    }
    Set<Blinded> persons = new HashSet<>();
    for (Hash c : step.commitments()) {
      Optional<Refusal> r = handOverOne(c, persons);
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  private Optional<Refusal> handOverOne(Hash c, Set<Blinded> persons) {
    ListEntry e = heldEntry(c);
    if (e == null) {
      return refuse(NOT_ON_LIST, "entry " + c + " is on none of " + party + "'s held lists");
    }
    if (s.handedOver(party, e.blinded()) || !persons.add(e.blinded())) {
      return refuse(ALREADY_HANDED_OVER, "the person of entry " + c
          + " is already handed over");
    }
    return consentToReturn(c, e.blinded());
  }

  /**
   * GC III Art. 109: when the person is on one of the Party's held lists of a category needing
   * consent, the intermediary's latest finding on one of that person's entries must be
   * consent, and none may be a refusal.
   */
  private Optional<Refusal> consentToReturn(Hash c, Blinded person) {
    boolean needed = false;
    boolean given = false;
    String icrc = arrangement().intermediary();
    for (ListCommitment l : heldLists()) {
      boolean rule = arrangement().category(l.category())
          .map(CategoryRule::consentToReturn).orElse(false);
      for (ListEntry e : s.listed(l.id()).entriesOf(person)) {
        Optional<Consent> finding = s.consent(e.commitment());
        needed |= rule;
        given |= finding.orElse(null) == Consent.CONSENTS;
        if (finding.orElse(null) == Consent.REFUSES) {
          return refuse(CONSENT_REFUSED, "the person of entry " + c + " refused to return ("
              + icrc + ", entry " + e.commitment() + " of " + l.id()
              + "); GC III Art. 109 forbids repatriating him against his will");
        }
      }
    }
    return !needed || given ? Optional.empty()
        : refuse(CONSENT_MISSING, "the person of entry " + c + " is on a list of wounded or"
            + " sick and " + icrc + " has not attested his consent to return"
            + " (GC III Art. 109)");
  }

  private Optional<Refusal> report(ReportCounts step) {
    if (!arrangement().parties().contains(party)) {
      return refuse(WRONG_SENDER, "stage counts are reported by a Party, not " + party);
    }
    if (step.handed() == null && step.received() == null) {
      return refuse(MALFORMED, "a report gives persons handed, received, or both");
    }
    return firstOf(stage(step.stage()),
        s.reports(step.stage()).containsKey(party)
            ? refuse(DUPLICATE, party + " has already reported stage " + step.stage())
            : Optional.empty(),
        counts(step.handed()), counts(step.received()));
  }

  private Optional<Refusal> attestStage(AttestStage step) {
    if (!arrangement().mediators().contains(party)) {
      return refuse(WRONG_SENDER, "a stage is attested by a mediator ("
          + String.join(", ", arrangement().mediators()) + "), not " + party);
    }
    Optional<Refusal> r = firstOf(stage(step.stage()),
        s.stageAttestations(step.stage()).containsKey(party)
            ? refuse(DUPLICATE, party + " has already attested stage " + step.stage())
            : Optional.empty());
    for (Map.Entry<String, Counts> e : step.crossedFrom().entrySet()) {
      r = firstOf(r, arrangement().parties().contains(e.getKey()) ? counts(e.getValue())
          : refuse(MALFORMED, e.getKey() + " is not a Party to the exchange"));
    }
    return r;
  }

  private Optional<Refusal> counts(Counts c) {
    if (c == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, Integer> e : c.byCategory().entrySet()) {
      Optional<Refusal> r = category(e.getKey());
      if (r.isPresent() || e.getValue() == null || e.getValue() < 0) {
        return r.isPresent() ? r : refuse(MALFORMED, e.getKey() + ": a count of at least 0");
      }
    }
    int sum = Counts.of(c.byCategory()).total(arrangement());
    if (c.total() != null && (c.total() < 0 || c.byCategory().size() > 0
        && sum != c.total())) {
      return refuse(MALFORMED, "total " + c.total() + " is not the sum of the categories"
          + " counted in totals (" + sum + ")");
    }
    return Optional.empty();
  }

  Set<Blinded> persons(HandOver h) {
    Set<Blinded> out = new HashSet<>();
    h.commitments().forEach(c -> out.add(heldEntry(c).blinded()));
    return out;
  }

  private ListEntry heldEntry(Hash c) {
    for (ListCommitment l : heldLists()) {
      ListEntry e = s.listed(l.id()).entry(c);
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private List<ListCommitment> heldLists() {
    return s.lists().stream()
        .filter(l -> l.party().equals(party) && l.kind() == ListKind.HELD).toList();
  }

  Optional<Refusal> category(String id) {
    return arrangement().category(id).isPresent() ? Optional.empty()
        : refuse(UNKNOWN_CATEGORY, "the exchange has no category " + id);
  }

  private Optional<Refusal> stage(int n) {
    return arrangement().stage(n).isPresent() ? Optional.empty()
        : refuse(UNKNOWN_STAGE, "the exchange has no stage " + n);
  }
}
