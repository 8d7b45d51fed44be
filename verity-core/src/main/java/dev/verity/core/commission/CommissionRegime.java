package dev.verity.core.commission;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import dev.verity.core.regime.Steps;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The commission as a {@link Regime}: its steps folded by {@link Commission} unchanged. The state
 * also carries the {@link AgreementVersions} that adopted decisions bring into force, which the
 * inspections read. The commission owes nothing by a deadline, so it has no obligations.
 */
public final class CommissionRegime implements Regime<Commission> {
  public static final String ID = "commission";
  private static final Set<String> TYPES = Steps.typeNames(CommissionMessage.class);

  private final Agreement agreement;

  public CommissionRegime(Agreement agreement) {
    this.agreement = agreement;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> types() {
    return TYPES;
  }

  @Override
  public Commission empty() {
    return new Commission(AgreementVersions.of(agreement));
  }

  @Override
  public Outcome<Commission> apply(Commission state, Step step) {
    Steps.Bound<CommissionMessage> m =
        Steps.bind(DataExchangeJson.mapper(), step, CommissionMessage.class);
    if (m.refusal() != null) {
      return Outcome.refused(m.refusal());
    }
    Commission.Result r = state.apply(new Commission.Entry(step.party(), step.entry().index(),
        step.at(), m.value()));
    return r.accepted() ? Outcome.next(state) : Outcome.refused(r.refused());
  }

  @Override
  public List<Obligation> obligations(Commission state, Instant asOf) {
    return List.of();
  }

  /** Sessions, the agenda, decisions, and from when each amended version is in force. */
  public record View(List<Commission.Session> sessions, List<Commission.AgendaItem> agenda,
      List<Commission.Decision> decisions, List<Version> versions) {}

  /** A version of the agreement: in force from {@code from} (null: as signed), by a decision. */
  public record Version(Instant from, String decision) {}

  @Override
  public Object view(Commission state) {
    return new View(state.sessions(), state.agenda(), state.decisions(), state.versions()
        .versions().stream().map(v -> new Version(v.from(), v.decision())).toList());
  }
}
