package dev.verity.core.lifecycle;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.agreement.Party;
import dev.verity.core.lifecycle.LifecycleState.Confirmation;
import dev.verity.core.lifecycle.LifecycleState.Resumption;
import dev.verity.core.lifecycle.LifecycleState.Suspension;
import dev.verity.core.lifecycle.LifecycleState.Withdrawal;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The agreement's own life as a {@link Regime} that every agreement has (issue 13): entry into
 * force and expiry come from its dates; a Party records the entry into force, its suspension
 * (with its stated reason), its resumption and its withdrawal (with the notice the agreement
 * requires) as steps of the shared provision {@code lifecycle}. The other regimes' obligations
 * are judged against the folded {@link LifecycleState}: nothing that fell due while the agreement
 * was suspended or not in force counts as missed (docs/dev/decisions.md, "Messages under a
 * suspended agreement are accepted and marked").
 *
 * <p>Rules, each a typed refusal: only a Party (role {@code party}) takes these steps; nothing is
 * suspended or withdrawn from outside the agreement's life; a suspension or resumption takes
 * effect no earlier than it is declared (no retroactive excuse); a Party suspends once until it
 * resumes, resumes only its own suspension, withdraws once; a withdrawal takes effect no earlier
 * than its notice allows (New START Art. XIV.3: three months after the notification is received);
 * a recorded entry into force must give the agreement's own date.
 */
public final class LifecycleRegime implements Regime<LifecycleState> {
  public static final String ID = "lifecycle";
  public static final String ENTRY_INTO_FORCE = "agreement-entry-into-force";
  public static final String SUSPENSION = "agreement-suspension";
  public static final String RESUMPTION = "agreement-resumption";
  public static final String WITHDRAWAL = "agreement-withdrawal";
  /** The message types of the provision {@code lifecycle} (provisions/lifecycle.yaml). */
  public static final Set<String> TYPES =
      Set.of(ENTRY_INTO_FORCE, SUSPENSION, RESUMPTION, WITHDRAWAL);

  private final Agreement agreement;
  private final Set<String> types;

  public LifecycleRegime(Agreement agreement) {
    this.agreement = agreement;
    // an agreement that does not include the provision still has a life (its dates), but no
    // steps; the provision's own types are the only ones taken, so their fields are known
    this.types = TYPES.stream().filter(t -> agreement.messageType(t).map(MessageType::provision)
        .filter(ID::equals).isPresent()).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> types() {
    return types;
  }

  @Override
  public LifecycleState empty() {
    return new LifecycleState(agreement);
  }

  @Override
  public Outcome<LifecycleState> apply(LifecycleState state, Step step) {
    boolean party = agreement.party(step.party()).map(Party::bound).orElse(false);
    if (!party) {
      return refuse(Kind.WRONG_ROLE, "party", step.party() + " is not a Party to "
          + agreement.id() + " (only a Party records its life)");
    }
    return switch (step.type()) {
      case ENTRY_INTO_FORCE -> confirm(state, step);
      case SUSPENSION -> suspend(state, step);
      case RESUMPTION -> resume(state, step);
      default -> withdraw(state, step);
    };
  }

  private Outcome<LifecycleState> confirm(LifecycleState state, Step step) {
    LocalDate on = step.fields().date("inForceOn").orElse(null);
    if (!agreement.entryIntoForce().equals(on)) {
      return refuse(Kind.MISMATCH, "entry-into-force", agreement.id() + " entered into force on "
          + agreement.entryIntoForce() + ", not " + on);
    }
    if (state.confirmations().stream().anyMatch(c -> c.party().equals(step.party()))) {
      return refuse(Kind.WRONG_STATE, "entry-into-force", step.party()
          + " already recorded the entry into force");
    }
    state.confirm(new Confirmation(step.party(), step.at(), step.entry(),
        step.fields().text("instrument").orElse(null)));
    return Outcome.next(state);
  }

  private Outcome<LifecycleState> suspend(LifecycleState state, Step step) {
    Instant from = effective(step);
    Optional<Outcome<LifecycleState>> no = inLife(state, step, from);
    if (no.isPresent()) {
      return no.get();
    }
    if (state.openSuspension(step.party()).isPresent()) {
      return refuse(Kind.WRONG_STATE, "suspension", step.party() + " has already suspended "
          + agreement.id() + " and not resumed it");
    }
    state.suspend(new Suspension(step.party(), step.at(), from, step.entry(),
        step.fields().text("statedReason").orElse(null), null));
    return Outcome.next(state);
  }

  private Outcome<LifecycleState> resume(LifecycleState state, Step step) {
    Instant from = effective(step);
    Optional<Suspension> open = state.openSuspension(step.party());
    if (open.isEmpty()) {
      return refuse(Kind.WRONG_STATE, "resumption", step.party() + " has no suspension of "
          + agreement.id() + " to end (a Party resumes only its own)");
    }
    Optional<Outcome<LifecycleState>> no = inLife(state, step, from);
    if (no.isPresent()) {
      return no.get();
    }
    Instant at = from.isBefore(open.get().from()) ? open.get().from() : from;
    state.resume(open.get(), new Resumption(step.at(), at, step.entry(),
        step.fields().text("statement").orElse(null)));
    return Outcome.next(state);
  }

  private Outcome<LifecycleState> withdraw(LifecycleState state, Step step) {
    Optional<Outcome<LifecycleState>> no = inLife(state, step, step.at());
    if (no.isPresent()) {
      return no.get();
    }
    if (state.withdrawal(step.party()).isPresent()) {
      return refuse(Kind.WRONG_STATE, "withdrawal", step.party() + " has already given notice"
          + " of withdrawal from " + agreement.id());
    }
    Instant earliest = agreement.lifecycle().earliestWithdrawal(step.at());
    Instant effective = step.fields().instant("effectiveAt").orElse(earliest);
    if (effective.isBefore(earliest)) {
      return refuse(Kind.NOT_ALLOWED, "withdrawal-notice", agreement.id() + " requires notice:"
          + " a withdrawal notified at " + step.at() + " takes effect no earlier than "
          + earliest);
    }
    state.withdraw(new Withdrawal(step.party(), step.at(), effective, step.entry(),
        step.fields().text("statedReason").orElse(null)));
    return Outcome.next(state);
  }

  /** When a suspension or resumption takes effect: as stated, and never before it is declared. */
  private static Instant effective(Step step) {
    Instant stated = step.fields().instant("effectiveAt").orElse(step.at());
    return stated.isBefore(step.at()) ? null : stated;
  }

  /** A refusal if the step would act outside the agreement's life, or backwards in time. */
  private Optional<Outcome<LifecycleState>> inLife(LifecycleState state, Step step,
      Instant from) {
    if (from == null) {
      return Optional.of(refuse(Kind.NOT_ALLOWED, "no-retroactive", step.type()
          + " takes effect no earlier than it is declared (" + step.at() + ")"));
    }
    Standing s = state.standing(from, step.at());
    if (s == Standing.NOT_YET_IN_FORCE || s == Standing.ENDED) {
      return Optional.of(refuse(Kind.NOT_ALLOWED, "in-force", agreement.id() + " is "
          + s.label().replace('-', ' ') + " at " + from));
    }
    if (!state.participates(step.party(), from, step.at())) {
      return Optional.of(refuse(Kind.NOT_ALLOWED, "withdrawn", step.party()
          + " has withdrawn from " + agreement.id()));
    }
    return Optional.empty();
  }

  private static Outcome<LifecycleState> refuse(Kind kind, String rule, String reason) {
    return Outcome.refused(kind, ID + "/" + rule, reason);
  }

  /** The life owes nothing itself; it judges what the other regimes owe. */
  @Override
  public List<Obligation> obligations(LifecycleState state, Instant asOf) {
    return List.of();
  }

  /** The timeline, and who has an open suspension. */
  public record View(List<Event> timeline, List<String> suspendedBy) {}

  @Override
  public Object view(LifecycleState state) {
    return new View(state.timeline(), state.suspensions().stream()
        .filter(s -> s.resumed() == null).map(Suspension::party).toList());
  }
}
