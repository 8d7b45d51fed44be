package dev.verity.core.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import dev.verity.core.exchange.BodiesReport.Declared;
import dev.verity.core.exchange.BodiesReport.Identified;
import dev.verity.core.exchange.BodiesReport.Received;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import dev.verity.core.regime.Steps;
import dev.verity.core.schema.Fields;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The repatriation of bodies as a {@link Regime}, folded by {@link BodiesLedger}: declared
 * against received counts per transfer and direction, identification over months. Figures that
 * disagree are shown, not refused; refused is what cannot be true of one Party's own figures.
 */
public final class BodiesRegime implements Regime<BodiesLedger> {
  public static final String ID = "exchange-bodies";
  private static final Map<String, Class<? extends BodiesReport>> TYPES = Map.of(
      "bodies-declared", Declared.class, "bodies-received", Received.class,
      "bodies-identified", Identified.class);

  private final List<String> parties;

  public BodiesRegime(List<String> parties) {
    this.parties = List.copyOf(parties);
  }

  /** The repatriations between the Parties of agreement {@code a}. */
  public static BodiesRegime of(Agreement a) {
    return new BodiesRegime(a.parties().stream().filter(p -> p.is(Party.PARTY))
        .map(Party::id).toList());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> types() {
    return TYPES.keySet();
  }

  @Override
  public BodiesLedger empty() {
    return BodiesLedger.empty(parties);
  }

  /** The step's report, its {@code party} the sender's; then the ledger's rules. */
  @Override
  public Outcome<BodiesLedger> apply(BodiesLedger state, Step step) {
    Class<? extends BodiesReport> type = TYPES.get(step.type());
    if (type == null) {
      return Outcome.refused(Rule.MALFORMED.refusal(ID, "not a report on bodies: "
          + step.type()));
    }
    ObjectNode fields = step.fields().json();
    fields.put("party", step.party());
    Steps.Bound<? extends BodiesReport> r = Steps.read(new Step(step.entry(), step.at(),
        step.type(), Fields.of(fields)), type, Rule.MALFORMED.id(ID));
    return r.refusal() != null ? Outcome.refused(r.refusal()) : state.apply(r.value());
  }

  /** A Party owes no report on bodies by a deadline. */
  @Override
  public List<Obligation> obligations(BodiesLedger state, Instant asOf) {
    return List.of();
  }

  /** Each transfer declared against received, and each Party's identification over time. */
  public record View(List<BodiesLedger.Transfer> transfers,
      Map<String, List<BodiesLedger.Progress>> identification) {}

  @Override
  public Object view(BodiesLedger state) {
    Map<String, List<BodiesLedger.Progress>> ids = new TreeMap<>();
    parties.forEach(p -> ids.put(p, state.identification(p)));
    return new View(state.transfers(), ids);
  }
}
