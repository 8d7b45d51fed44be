package dev.verity.core.exchange;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import dev.verity.core.regime.Steps;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.pcollections.TreePMap;

/**
 * Each mediator's tally of its numbered mediations as a {@link Regime}: a mediator announces a
 * mediation ({@code exchange-mediation}: its number, when, the persons exchanged and the
 * cumulative total), folded by {@link MediatorTally}, which refuses only a number out of order;
 * a total that does not add up (total(n) = total(n-1) + count(n)) is a named break, shown, not
 * refused: it is the mediator's own signed figure.
 */
public final class TallyRegime implements Regime<TallyRegime.Tallies> {
  public static final String ID = "exchange-tally";
  public static final String MEDIATION = "exchange-mediation";

  private final List<Party> participants;

  public TallyRegime(List<Party> participants) {
    this.participants = List.copyOf(participants);
  }

  public static TallyRegime of(Agreement a) {
    return new TallyRegime(a.parties());
  }

  /** Each mediator's tally, by mediator. */
  public record Tallies(TreePMap<String, MediatorTally> byMediator) {
    public MediatorTally of(String mediator) {
      return byMediator.getOrDefault(mediator, MediatorTally.empty(mediator));
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> types() {
    return Set.of(MEDIATION);
  }

  @Override
  public Tallies empty() {
    return new Tallies(TreePMap.empty());
  }

  @Override
  public Outcome<Tallies> apply(Tallies state, Step step) {
    boolean mediator = participants.stream().anyMatch(p -> p.id().equals(step.party())
        && ExchangeRegime.MEDIATING.stream().anyMatch(p::is));
    if (!mediator) {
      return Outcome.refused(Rule.WRONG_SENDER.refusal(ID, "a mediation is announced by its"
          + " mediator, not " + step.party()));
    }
    Steps.Bound<Mediation> m = Steps.read(step, Mediation.class, Rule.MALFORMED.id(ID));
    if (m.refusal() != null) {
      return Outcome.refused(m.refusal());
    }
    Outcome<MediatorTally> o = state.of(step.party()).apply(m.value());
    return o instanceof Outcome.Next<MediatorTally> n
        ? Outcome.next(new Tallies(state.byMediator().plus(step.party(), n.state())))
        : Outcome.refused(((Outcome.Refused<MediatorTally>) o).refusal());
  }

  /** A mediator owes no announcement by a deadline. */
  @Override
  public List<Obligation> obligations(Tallies state, Instant asOf) {
    return List.of();
  }

  /** One mediator's mediations and the breaks and gaps in its totals. */
  public record View(String mediator, List<Mediation> mediations, List<TallyFinding> findings) {}

  @Override
  public Object view(Tallies state) {
    return state.byMediator().values().stream().map(t -> new View(t.mediator(), t.mediations(),
        t.findings())).toList();
  }
}
