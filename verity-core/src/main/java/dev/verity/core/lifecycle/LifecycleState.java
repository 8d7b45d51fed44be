package dev.verity.core.lifecycle;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Step;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An agreement's life as folded from its lifecycle steps, and what the other regimes are judged
 * against: where the agreement {@linkplain #standing stands} at an instant, whether a Party still
 * {@linkplain #participates takes part}, and so whether an obligation that fell due then counts
 * ({@link #judge}). Every question is asked "as seen at" an instant: a resumption or withdrawal
 * declared later is not known yet, exactly as {@link Obligation#judge} ignores later steps.
 *
 * <p>Mutable, owned by the fold ({@link dev.verity.core.regime.Regime}); the rules that decide
 * what may change it are in {@link LifecycleRegime}.
 */
public final class LifecycleState {
  /** A Party's suspension: declared when, effective from when, and its resumption if any. */
  public record Suspension(String party, Instant declared, Instant from, EntryRef entry,
      String reason, Resumption resumed) {
    /** Whether it suspends the agreement at {@code t}, as known at {@code asOf}. */
    boolean covers(Instant t, Instant asOf) {
      boolean resumedBy = resumed != null && !resumed.declared().isAfter(asOf)
          && !t.isBefore(resumed.from());
      return !declared.isAfter(asOf) && !t.isBefore(from) && !resumedBy;
    }
  }

  /** The end of a suspension: declared when, effective from when, by which entry. */
  public record Resumption(Instant declared, Instant from, EntryRef entry, String statement) {}

  /** A Party's withdrawal: notified when, effective from when. */
  public record Withdrawal(String party, Instant declared, Instant effective, EntryRef entry,
      String reason) {
    boolean known(Instant asOf) {
      return !declared.isAfter(asOf);
    }
  }

  /** A Party's record of the entry into force. */
  public record Confirmation(String party, Instant at, EntryRef entry, String instrument) {}

  private final Agreement agreement;
  private final List<Suspension> suspensions = new ArrayList<>();
  private final List<Withdrawal> withdrawals = new ArrayList<>();
  private final List<Confirmation> confirmations = new ArrayList<>();

  LifecycleState(Agreement agreement) {
    this.agreement = agreement;
  }

  public Agreement agreement() {
    return agreement;
  }

  public List<Suspension> suspensions() {
    return Collections.unmodifiableList(suspensions);
  }

  public List<Withdrawal> withdrawals() {
    return Collections.unmodifiableList(withdrawals);
  }

  public List<Confirmation> confirmations() {
    return Collections.unmodifiableList(confirmations);
  }

  /**
   * Where the agreement stands at {@code t}, as known at {@code asOf}. A suspension by one Party
   * suspends an agreement between two Parties as a whole; among more, it suspends only that
   * Party's part ({@link #standing(String, Instant, Instant)}), and the others go on.
   */
  public Standing standing(Instant t, Instant asOf) {
    LocalDate day = t.atOffset(ZoneOffset.UTC).toLocalDate();
    if (day.isBefore(agreement.entryIntoForce())) {
      return Standing.NOT_YET_IN_FORCE;
    }
    if (!agreement.inForce(day) || endedByWithdrawal(asOf).filter(e -> !t.isBefore(e))
        .isPresent()) {
      return Standing.ENDED;
    }
    return bilateral() && suspensions.stream().anyMatch(s -> s.covers(t, asOf))
        ? Standing.SUSPENDED : Standing.IN_FORCE;
  }

  /**
   * Where the agreement stands for {@code party} at {@code t}, as known at {@code asOf}: as a
   * whole, except that among more than two Parties its own suspension suspends its part, and
   * its withdrawal ends it.
   */
  public Standing standing(String party, Instant t, Instant asOf) {
    Standing s = standing(t, asOf);
    if (s != Standing.IN_FORCE) {
      return s;
    }
    if (!participates(party, t, asOf)) {
      return Standing.ENDED;
    }
    return suspensions.stream().anyMatch(x -> x.party().equals(party) && x.covers(t, asOf))
        ? Standing.SUSPENDED : Standing.IN_FORCE;
  }

  /** Whether the agreement binds two Parties or fewer: one suspension then suspends it all. */
  private boolean bilateral() {
    return agreement.boundParties().size() <= 2;
  }

  /** Where the agreement stands at {@code t}, knowing everything folded. */
  public Standing standing(Instant t) {
    return standing(t, Instant.MAX);
  }

  /** Whether {@code party} still takes part at {@code t} (it had not withdrawn), at asOf. */
  public boolean participates(String party, Instant t, Instant asOf) {
    return withdrawals.stream().noneMatch(w -> w.party().equals(party) && w.known(asOf)
        && !t.isBefore(w.effective()));
  }

  /**
   * When withdrawals known at {@code asOf} end the agreement: once fewer than two of its Parties
   * (role {@code party}) remain, or none of a one-Party agreement; empty while enough remain.
   */
  public Optional<Instant> endedByWithdrawal(Instant asOf) {
    List<String> bound = agreement.boundParties().stream().map(Party::id).toList();
    int needed = Math.min(2, bound.size());
    List<Withdrawal> known = withdrawals.stream().filter(w -> w.known(asOf)
        && bound.contains(w.party())).sorted((a, b) -> a.effective().compareTo(b.effective()))
        .toList();
    int remaining = bound.size();
    for (Withdrawal w : known) {
      if (--remaining < needed) {
        return Optional.of(w.effective());
      }
    }
    return Optional.empty();
  }

  /**
   * The status {@code o} has once the agreement's life is taken into account, as seen at {@code
   * asOf}: an obligation that fell due while the agreement (or, among more than two Parties, the
   * owing Party's part in it) was suspended is {@code suspended}; one that fell due while it (or
   * the owing Party's part) was not in force is {@code not-in-force}; neither counts as missed.
   * A met obligation stays met.
   */
  public Obligation judge(Obligation o, Instant asOf) {
    if (o.status() == Status.MET) {
      return o;
    }
    Standing s = standing(o.party(), o.due(), asOf);
    return switch (s) {
      case IN_FORCE -> o;
      case SUSPENDED -> o.withStatus(Status.SUSPENDED);
      default -> o.withStatus(Status.NOT_IN_FORCE);
    };
  }

  /**
   * Why a step of another regime is refused by the agreement's life, if it is: its sender had
   * withdrawn, or withdrawals had ended the agreement. (Before entry into force and after the
   * agreement's own end date, each regime applies its own in-force rule, as it always did.)
   */
  public Optional<Refusal> refusal(Step step) {
    Instant t = step.at();
    Optional<Withdrawal> own = withdrawals.stream().filter(w -> w.party().equals(step.party())
        && !t.isBefore(w.effective())).findFirst();
    if (own.isPresent()) {
      return Optional.of(new Refusal(Refusal.Kind.NOT_ALLOWED, LifecycleRegime.ID + "/withdrawn",
          step.party() + " withdrew from " + agreement.id() + " with effect from "
              + own.get().effective()));
    }
    return endedByWithdrawal(t).filter(e -> !t.isBefore(e)).map(e -> new Refusal(
        Refusal.Kind.NOT_ALLOWED, LifecycleRegime.ID + "/ended", agreement.id()
            + " ended on " + e + " by withdrawal"));
  }

  /** The events of the agreement's life, its own dates included, in time order. */
  public List<Event> timeline() {
    List<Event> out = new ArrayList<>();
    out.add(new Event(start(agreement.entryIntoForce()), Event.What.ENTRY_INTO_FORCE, null, null,
        null));
    if (agreement.endsOn() != null) {
      out.add(new Event(start(agreement.endsOn()), Event.What.EXPIRY, null, null, null));
    }
    confirmations.forEach(c -> out.add(new Event(c.at(), Event.What.CONFIRMED, c.party(),
        c.entry(), c.instrument())));
    for (Suspension s : suspensions) {
      out.add(new Event(s.from(), Event.What.SUSPENSION, s.party(), s.entry(), s.reason()));
      if (s.resumed() != null) {
        out.add(new Event(s.resumed().from(), Event.What.RESUMPTION, s.party(),
            s.resumed().entry(), s.resumed().statement()));
      }
    }
    for (Withdrawal w : withdrawals) {
      out.add(new Event(w.declared(), Event.What.WITHDRAWAL_NOTICE, w.party(), w.entry(),
          w.reason()));
      out.add(new Event(w.effective(), Event.What.WITHDRAWAL, w.party(), w.entry(), null));
    }
    endedByWithdrawal(Instant.MAX).ifPresent(e -> out.add(new Event(e, Event.What.ENDED, null,
        null, null)));
    out.sort(Event.ORDER);
    return out;
  }

  static Instant start(LocalDate day) {
    return day.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** The Party's suspension still open (not resumed), if any. */
  Optional<Suspension> openSuspension(String party) {
    return suspensions.stream().filter(s -> s.party().equals(party) && s.resumed() == null)
        .findFirst();
  }

  Optional<Withdrawal> withdrawal(String party) {
    return withdrawals.stream().filter(w -> w.party().equals(party)).findFirst();
  }

  void suspend(Suspension s) {
    suspensions.add(s);
  }

  void resume(Suspension open, Resumption r) {
    suspensions.set(suspensions.indexOf(open), new Suspension(open.party(), open.declared(),
        open.from(), open.entry(), open.reason(), r));
  }

  void withdraw(Withdrawal w) {
    withdrawals.add(w);
  }

  void confirm(Confirmation c) {
    confirmations.add(c);
  }
}
