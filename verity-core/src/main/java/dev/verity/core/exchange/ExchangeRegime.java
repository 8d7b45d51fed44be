package dev.verity.core.exchange;

import static dev.verity.core.exchange.ExchangeRefusal.Reason.ALREADY_HANDED_OVER;
import static dev.verity.core.exchange.ExchangeRefusal.Reason.CONSENT_MISSING;
import static dev.verity.core.exchange.ExchangeRefusal.Reason.CONSENT_REFUSED;
import static dev.verity.core.exchange.ExchangeRefusal.Reason.DUPLICATE;
import static dev.verity.core.exchange.ExchangeRefusal.Reason.MALFORMED;
import static dev.verity.core.exchange.ExchangeRefusal.Reason.NOT_ON_LIST;
import static dev.verity.core.exchange.ExchangeRefusal.Reason.SIZE_MISMATCH;
import static dev.verity.core.exchange.ExchangeRefusal.Reason.UNKNOWN_CATEGORY;
import static dev.verity.core.exchange.ExchangeRefusal.Reason.UNKNOWN_LIST;
import static dev.verity.core.exchange.ExchangeRefusal.Reason.UNKNOWN_STAGE;
import static dev.verity.core.exchange.ExchangeRefusal.Reason.WRONG_EXCHANGE;
import static dev.verity.core.exchange.ExchangeRefusal.Reason.WRONG_SENDER;

import dev.verity.core.exchange.ExchangeStep.AttestConsent;
import dev.verity.core.exchange.ExchangeStep.AttestStage;
import dev.verity.core.exchange.ExchangeStep.CommitList;
import dev.verity.core.exchange.ExchangeStep.Consent;
import dev.verity.core.exchange.ExchangeStep.HandOver;
import dev.verity.core.exchange.ExchangeStep.Reblind;
import dev.verity.core.exchange.ExchangeStep.ReportCounts;
import dev.verity.tlog.merkle.Hash;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of a mediated exchange as a pure fold: {@link #apply} takes a state and a step and
 * returns the next state, or a refusal and the state unchanged. Who may send what:
 * <ul>
 *   <li>a Party commits its own lists ({@code exchange-list}) and blinds the other Party's
 *       ({@code exchange-reblind}: as many values as entries, once per list);</li>
 *   <li>the neutral intermediary attests consent or refusal per held-list entry
 *       ({@code exchange-consent}; a later finding supersedes);</li>
 *   <li>a Party hands over entries of its own held lists at a stage ({@code exchange-handover}),
 *       each person once, and a person on a held list of a category needing consent (wounded or
 *       sick) only with the intermediary's consent: GC III Art. 109 para. 3, "no sick or injured
 *       prisoner of war ... may be repatriated against his will during hostilities";</li>
 *   <li>each Party reports its counts of a stage once ({@code exchange-counts}); each mediator
 *       attests a stage once ({@code exchange-stage-attestation}). Figures that disagree become
 *       discrepancies ({@link StageRecord}); they never refuse a report.</li>
 * </ul>
 * Deadlines (who answers within how long) are the agreement's, run by the protocol engine.
 */
public final class ExchangeRegime {
  /** The most entries a list may have. */
  public static final int MAX_LIST = 1_000_000;
  private final Arrangement arrangement;

  public ExchangeRegime(Arrangement arrangement) {
    this.arrangement = arrangement;
  }

  public String id() {
    return "exchange";
  }

  public ExchangeState empty() {
    return ExchangeState.empty(arrangement);
  }

  /** The state after {@code step}, or a refusal with {@code s} unchanged. */
  public ExchangeOutcome<ExchangeState> apply(ExchangeState s, ExchangeStep step) {
    Optional<ExchangeRefusal> r = check(s, step);
    return r.isPresent() ? ExchangeOutcome.refused(s, r.get())
        : ExchangeOutcome.accepted(next(s, step));
  }

  private Optional<ExchangeRefusal> check(ExchangeState s, ExchangeStep step) {
    if (step instanceof CommitList c) {
      return commit(s, c);
    } else if (step instanceof Reblind r) {
      return reblind(s, r);
    } else if (step instanceof AttestConsent a) {
      return consent(s, a);
    } else if (step instanceof HandOver h) {
      return handOver(s, h);
    } else if (step instanceof ReportCounts r) {
      return report(s, r);
    }
    return attestStage(s, (AttestStage) step);
  }

  private ExchangeState next(ExchangeState s, ExchangeStep step) {
    ExchangeState n = s.next();
    if (step instanceof CommitList c) {
      n.putList(Listed.of(c.list()));
    } else if (step instanceof Reblind r) {
      n.putReblinded(r.list(), r.values());
    } else if (step instanceof AttestConsent a) {
      n.attest(a);
    } else if (step instanceof HandOver h) {
      n.handOver(h, persons(s, h));
    } else if (step instanceof ReportCounts r) {
      n.report(r);
    } else {
      n.attestStage((AttestStage) step);
    }
    return n;
  }

  private Optional<ExchangeRefusal> commit(ExchangeState s, CommitList step) {
    ListCommitment l = step.list();
    if (!l.party().equals(step.party()) || !arrangement.parties().contains(l.party())) {
      return refuse(WRONG_SENDER, step.party() + " may not commit a list of " + l.party()
          + ": each Party commits its own lists");
    }
    return firstOf(exchange(l.exchange()), category(l.category()),
        s.list(l.id()).isPresent()
            ? refuse(DUPLICATE, l.party() + " has already committed its " + l.kind().label()
                + " " + l.category() + " list")
            : Optional.empty(),
        l.count() > MAX_LIST ? refuse(MALFORMED, l.count() + " entries, at most " + MAX_LIST)
            : Optional.empty(),
        l.rootMatches() ? distinctCommitments(l)
            : refuse(MALFORMED, "the root is not the Merkle root of the " + l.count()
                + " entries"));
  }

  private Optional<ExchangeRefusal> distinctCommitments(ListCommitment l) {
    Set<Hash> seen = new HashSet<>();
    for (ListEntry e : l.entries()) {
      if (!seen.add(e.commitment())) {
        return refuse(MALFORMED, "commitment " + e.commitment() + " is on the list twice");
      }
    }
    return Optional.empty();
  }

  private Optional<ExchangeRefusal> reblind(ExchangeState s, Reblind step) {
    ListId target = step.list();
    if (!arrangement.parties().contains(step.party()) || target.party().equals(step.party())) {
      return refuse(WRONG_SENDER, "only " + arrangement.other(target.party())
          + " blinds " + target.party() + "'s lists, not " + step.party());
    }
    Optional<ListCommitment> l = s.list(target);
    if (l.isEmpty() || !l.get().root().equals(step.root())) {
      return refuse(UNKNOWN_LIST, "no list " + target + " with root " + step.root());
    }
    if (s.reblinded(target).isPresent()) {
      return refuse(DUPLICATE, target + " is already blinded by " + step.party());
    }
    return step.values().size() == l.get().count() ? Optional.empty()
        : refuse(SIZE_MISMATCH, step.values().size() + " values for the " + l.get().count()
            + " entries of " + target);
  }

  private Optional<ExchangeRefusal> consent(ExchangeState s, AttestConsent step) {
    if (!step.party().equals(arrangement.intermediary())) {
      return refuse(WRONG_SENDER, "consent to return is attested by the neutral intermediary "
          + arrangement.intermediary() + ", not " + step.party());
    }
    Listed l = s.listed(step.list());
    if (l == null || step.list().kind() != ListKind.HELD || l.entry(step.commitment()) == null) {
      return refuse(NOT_ON_LIST, "entry " + step.commitment() + " is not on a committed held"
          + " list " + step.list());
    }
    return Optional.empty();
  }

  private Optional<ExchangeRefusal> handOver(ExchangeState s, HandOver step) {
    if (!arrangement.parties().contains(step.party())) {
      return refuse(WRONG_SENDER, "only a Party hands over persons, not " + step.party());
    }
    if (arrangement.stage(step.stage()).isEmpty()) {
      return refuse(UNKNOWN_STAGE, "the exchange has no stage " + step.stage());
    }
    if (step.commitments().isEmpty()
        || new HashSet<>(step.commitments()).size() != step.commitments().size()) {
      return refuse(MALFORMED, "a handover names each entry once, and at least one");
    }
    Set<Blinded> persons = new HashSet<>();
    for (Hash c : step.commitments()) {
      Optional<ExchangeRefusal> r = handOverOne(s, step.party(), c, persons);
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  private Optional<ExchangeRefusal> handOverOne(ExchangeState s, String party, Hash c,
      Set<Blinded> persons) {
    ListEntry e = heldEntry(s, party, c);
    if (e == null) {
      return refuse(NOT_ON_LIST, "entry " + c + " is on none of " + party + "'s held lists");
    }
    if (s.handedOver(party, e.blinded()) || !persons.add(e.blinded())) {
      return refuse(ALREADY_HANDED_OVER, "the person of entry " + c + " is already handed over");
    }
    return consentToReturn(s, party, c, e.blinded());
  }

  /**
   * GC III Art. 109: when the person is on one of the Party's held lists of a category needing
   * consent, the intermediary's latest finding on one of that person's entries must be consent,
   * and none may be a refusal.
   */
  private Optional<ExchangeRefusal> consentToReturn(ExchangeState s, String party, Hash c,
      Blinded person) {
    boolean needed = false;
    boolean given = false;
    for (ListCommitment l : heldLists(s, party)) {
      boolean rule = arrangement.category(l.category())
          .map(Arrangement.CategoryRule::consentToReturn).orElse(false);
      for (ListEntry e : s.listed(l.id()).entriesOf(person)) {
        Optional<Consent> finding = s.consent(e.commitment());
        needed |= rule;
        given |= finding.orElse(null) == Consent.CONSENTS;
        if (finding.orElse(null) == Consent.REFUSES) {
          return refuse(CONSENT_REFUSED, "the person of entry " + c + " refused to return ("
              + arrangement.intermediary() + ", entry " + e.commitment() + " of " + l.id()
              + "); GC III Art. 109 forbids repatriating him against his will");
        }
      }
    }
    return !needed || given ? Optional.empty()
        : refuse(CONSENT_MISSING, "the person of entry " + c + " is on a list of wounded or sick"
            + " and " + arrangement.intermediary() + " has not attested his consent to return"
            + " (GC III Art. 109)");
  }

  private Optional<ExchangeRefusal> report(ExchangeState s, ReportCounts step) {
    if (!arrangement.parties().contains(step.party())) {
      return refuse(WRONG_SENDER, "stage counts are reported by a Party, not " + step.party());
    }
    if (step.handed() == null && step.received() == null) {
      return refuse(MALFORMED, "a report gives persons handed, received, or both");
    }
    return firstOf(stage(step.stage()),
        s.reports(step.stage()).containsKey(step.party())
            ? refuse(DUPLICATE, step.party() + " has already reported stage " + step.stage())
            : Optional.empty(),
        counts(step.handed()), counts(step.received()));
  }

  private Optional<ExchangeRefusal> attestStage(ExchangeState s, AttestStage step) {
    if (!arrangement.mediators().contains(step.party())) {
      return refuse(WRONG_SENDER, "a stage is attested by a mediator ("
          + String.join(", ", arrangement.mediators()) + "), not " + step.party());
    }
    Optional<ExchangeRefusal> r = firstOf(stage(step.stage()),
        s.stageAttestations(step.stage()).containsKey(step.party())
            ? refuse(DUPLICATE, step.party() + " has already attested stage " + step.stage())
            : Optional.empty());
    for (Map.Entry<String, Counts> e : step.crossedFrom().entrySet()) {
      r = firstOf(r, arrangement.parties().contains(e.getKey()) ? counts(e.getValue())
          : refuse(MALFORMED, e.getKey() + " is not a Party to the exchange"));
    }
    return r;
  }

  private Optional<ExchangeRefusal> counts(Counts c) {
    if (c == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, Integer> e : c.byCategory().entrySet()) {
      Optional<ExchangeRefusal> r = category(e.getKey());
      if (r.isPresent() || e.getValue() == null || e.getValue() < 0) {
        return r.isPresent() ? r : refuse(MALFORMED, e.getKey() + ": a count of at least 0");
      }
    }
    if (c.total() != null && (c.total() < 0 || c.byCategory().size() > 0
        && Counts.of(c.byCategory()).total(arrangement) != c.total())) {
      return refuse(MALFORMED, "total " + c.total() + " is not the sum of the categories"
          + " counted in totals (" + Counts.of(c.byCategory()).total(arrangement) + ")");
    }
    return Optional.empty();
  }

  private Set<Blinded> persons(ExchangeState s, HandOver h) {
    Set<Blinded> out = new HashSet<>();
    h.commitments().forEach(c -> out.add(heldEntry(s, h.party(), c).blinded()));
    return out;
  }

  private ListEntry heldEntry(ExchangeState s, String party, Hash c) {
    for (ListCommitment l : heldLists(s, party)) {
      ListEntry e = s.listed(l.id()).entry(c);
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private static List<ListCommitment> heldLists(ExchangeState s, String party) {
    return s.lists().stream()
        .filter(l -> l.party().equals(party) && l.kind() == ListKind.HELD).toList();
  }

  private Optional<ExchangeRefusal> exchange(String id) {
    return arrangement.exchange().equals(id) ? Optional.empty()
        : refuse(WRONG_EXCHANGE, "the step is for exchange " + id + ", not "
            + arrangement.exchange());
  }

  private Optional<ExchangeRefusal> category(String id) {
    return arrangement.category(id).isPresent() ? Optional.empty()
        : refuse(UNKNOWN_CATEGORY, "the exchange has no category " + id);
  }

  private Optional<ExchangeRefusal> stage(int n) {
    return arrangement.stage(n).isPresent() ? Optional.empty()
        : refuse(UNKNOWN_STAGE, "the exchange has no stage " + n);
  }

  @SafeVarargs
  private static Optional<ExchangeRefusal> firstOf(Optional<ExchangeRefusal>... checks) {
    for (Optional<ExchangeRefusal> c : checks) {
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private static Optional<ExchangeRefusal> refuse(ExchangeRefusal.Reason r, String words) {
    return Optional.of(ExchangeRefusal.of(r, words));
  }
}
