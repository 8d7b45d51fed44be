package dev.verity.core.exchange;

import static dev.verity.core.exchange.Rule.DUPLICATE;
import static dev.verity.core.exchange.Rule.MALFORMED;
import static dev.verity.core.exchange.Rule.WRONG_EXCHANGE;
import static dev.verity.core.exchange.Rule.WRONG_SENDER;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import dev.verity.core.exchange.ExchangeMessage.AttestConsent;
import dev.verity.core.exchange.ExchangeMessage.AttestStage;
import dev.verity.core.exchange.ExchangeMessage.CommitList;
import dev.verity.core.exchange.ExchangeMessage.DeclareList;
import dev.verity.core.exchange.ExchangeMessage.HandOver;
import dev.verity.core.exchange.ExchangeMessage.ListPart;
import dev.verity.core.exchange.ExchangeMessage.Reblind;
import dev.verity.core.exchange.ExchangeMessage.ReportCounts;
import dev.verity.core.exchange.ExchangeState.Stamp;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import dev.verity.core.message.EntryRef;
import dev.verity.core.schema.Fields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of mediated exchanges as a {@link Regime}: {@link #apply} takes the exchanges and a
 * step and returns the next exchanges, or a refusal that changes nothing. Who may send what:
 * <ul>
 *   <li>a mediator arranges an exchange ({@code exchange-arrangement}): its Parties, mediators,
 *       intermediary, categories and stages, each named participant in its role of the
 *       agreement; every other message names an arranged exchange;</li>
 *   <li>a Party commits its own lists ({@code exchange-list}), a large one declared with its
 *       part roots and sent in numbered parts ({@code exchange-list-part}, {@link
 *       ListPartRules}), and blinds the other Party's ({@code exchange-reblind}: as many values
 *       as entries, once per list or once per part);</li>
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
 * What each participant still owes is a typed obligation ({@link ExchangeObligations}).
 */
public final class ExchangeRegime implements Regime<Exchanges> {
  public static final String ID = "exchange";
  /** The most entries a list may have. */
  public static final int MAX_LIST = 1_000_000;
  /** The roles that may arrange, mediate and attest an exchange. */
  static final Set<String> MEDIATING = Set.of(Party.MEDIATOR, "co-mediator");

  private final List<Party> participants;
  /**
   * Each entry's message as read from its step's fields, kept while the step is the same object
   * (a step's fields are immutable): a node refolds every step when one arrives (decision D63),
   * and reading each part of 256 entries again at every refold would add the whole list's JSON
   * to each refold. As large as the steps the node keeps anyway.
   */
  private final Map<EntryRef, Read> read = new ConcurrentHashMap<>();

  /** A step's fields and the message read from them. */
  private record Read(Fields fields, ExchangeMessage message) {}

  /** The exchanges among {@code participants}, each in its role of the agreement. */
  public ExchangeRegime(List<Party> participants) {
    this.participants = List.copyOf(participants);
  }

  /** The exchanges of agreement {@code a}. */
  public static ExchangeRegime of(Agreement a) {
    return new ExchangeRegime(a.parties());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> types() {
    return ExchangeJson.TYPES;
  }

  @Override
  public Exchanges empty() {
    return Exchanges.EMPTY;
  }

  @Override
  public Outcome<Exchanges> apply(Exchanges state, Step step) {
    Read earlier = read.get(step.entry());
    ExchangeMessage m;
    try {
      m = earlier != null && earlier.fields() == step.fields() ? earlier.message()
          : ExchangeJson.message(step.type(), step.fields().json());
    } catch (ExchangeInputException e) {
      return Outcome.refused(MALFORMED.refusal(ID, step.type() + ": " + e.getMessage()));
    }
    read.put(step.entry(), new Read(step.fields(), m));
    if (m instanceof Arrangement a) {
      Optional<Refusal> r = arrange(state, step.party(), a);
      return r.isPresent() ? Outcome.refused(r.get())
          : Outcome.next(state.with(ExchangeState.empty(a)));
    }
    ExchangeState s = state.exchange(m.exchange()).orElse(null);
    if (s == null) {
      return Outcome.refused(WRONG_EXCHANGE.refusal(ID, "no exchange " + m.exchange()
          + " was arranged"));
    }
    Optional<Refusal> r = new ExchangeRules(s, step.party()).of(m);
    return r.isPresent() ? Outcome.refused(r.get())
        : Outcome.next(state.with(next(s, step, m)));
  }

  /** An arrangement names a new exchange and each participant in its role. */
  private Optional<Refusal> arrange(Exchanges state, String sender, Arrangement a) {
    if (!holds(sender, MEDIATING)) {
      return refuse(WRONG_SENDER, "an exchange is arranged by a mediator, not " + sender);
    }
    if (state.exchange(a.exchange()).isPresent()) {
      return refuse(DUPLICATE, "exchange " + a.exchange() + " is already arranged");
    }
    for (String p : a.parties()) {
      if (!holds(p, Set.of(Party.PARTY))) {
        return refuse(MALFORMED, "parties: " + p + " is not a Party to the agreement");
      }
    }
    for (String p : a.mediators()) {
      if (!holds(p, MEDIATING)) {
        return refuse(MALFORMED, "mediators: " + p + " is not a mediator of the agreement");
      }
    }
    if (!a.mediators().contains(sender) || !holds(a.intermediary(),
        Set.of(Party.NEUTRAL_INTERMEDIARY))) {
      return refuse(MALFORMED, "the arranging mediator is one of the mediators, and the"
          + " intermediary (" + a.intermediary() + ") the agreement's neutral intermediary");
    }
    return Arrangements.shape(a);
  }

  private boolean holds(String id, Set<String> roles) {
    return participants.stream().anyMatch(p -> p.id().equals(id) && roles.stream()
        .anyMatch(p::is));
  }

  private static ExchangeState next(ExchangeState s, Step step, ExchangeMessage m) {
    ExchangeState n = s.next();
    Stamp stamp = new Stamp(step.entry(), step.at());
    if (m instanceof CommitList c) {
      n.putList(Listed.of(c.list()), stamp);
    } else if (m instanceof DeclareList d) {
      n.declare(d);
    } else if (m instanceof ListPart p) {
      n.putPart(p.list(), p.part(), p.entries(), stamp);
    } else if (m instanceof Reblind r && r.part() > 0) {
      n.putReblindedPart(r.list(), r.part(), r.values(), stamp);
    } else if (m instanceof Reblind r) {
      n.putReblinded(r.list(), r.values(), stamp);
    } else if (m instanceof AttestConsent a) {
      n.attest(a, stamp);
    } else if (m instanceof HandOver h) {
      n.handOver(step.party(), step.at(), h, new ExchangeRules(s, step.party()).persons(h));
    } else if (m instanceof ReportCounts r) {
      n.report(step.party(), r);
    } else {
      n.attestStage(step.party(), (AttestStage) m);
    }
    return n;
  }

  /** Every exchange's obligations: blindings and consent findings owed before the handover. */
  @Override
  public List<Obligation> obligations(Exchanges state, Instant asOf) {
    List<Obligation> out = new ArrayList<>();
    state.all().forEach(s -> out.addAll(ExchangeObligations.of(s, asOf)));
    out.sort(Obligation.ORDER);
    return out;
  }

  @Override
  public Object view(Exchanges state) {
    return state.all().stream().map(ExchangeView::of).toList();
  }

  static Optional<Refusal> refuse(Rule r, String words) {
    return Optional.of(r.refusal(ID, words));
  }

  @SafeVarargs
  static Optional<Refusal> firstOf(Optional<Refusal>... checks) {
    for (Optional<Refusal> c : checks) {
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }
}
