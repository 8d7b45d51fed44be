package dev.verity.core.inspection;

import dev.verity.core.commission.AgreementVersions;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.regime.Step;
import dev.verity.core.regime.Steps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Inspections and exhibitions as a {@link Regime}: the steps folded by {@link InspectionLedger}
 * unchanged (quotas, one at a time, exemptions, verifiable selection, joint reports stay code), its
 * {@link Refusal}s mapped onto the typed refusal with the sealed type's name as the rule (the name
 * the node's API has always given), its deadlines as typed obligations.
 *
 * <p>It reads two other regimes: the agreement versions the commission's decisions brought into
 * force, and what each Party declared (the inventory). The evaluator folds those first, so
 * {@link #empty} is asked for once they are complete, as the node does.
 */
public final class InspectionRegime implements Regime<InspectionLedger> {
  public static final String ID = "inspections";
  private static final Set<String> TYPES = Steps.typeNames(InspectionMessage.class);
  private static final Map<Class<?>, Kind> KINDS = Map.ofEntries(
      Map.entry(Refusal.QuotaExceeded.class, Kind.QUOTA),
      Map.entry(Refusal.OneAtATime.class, Kind.QUOTA),
      Map.entry(Refusal.FacilityLimit.class, Kind.QUOTA),
      Map.entry(Refusal.FacilityExempted.class, Kind.NOT_ALLOWED),
      Map.entry(Refusal.WrongInspectionType.class, Kind.NOT_ALLOWED),
      Map.entry(Refusal.NotAllowed.class, Kind.NOT_ALLOWED),
      Map.entry(Refusal.NotDeclared.class, Kind.UNKNOWN_REFERENCE),
      Map.entry(Refusal.OutOfSequence.class, Kind.WRONG_STATE),
      Map.entry(Refusal.WrongSender.class, Kind.WRONG_ROLE),
      Map.entry(Refusal.UnknownOrDuplicate.class, Kind.SUBJECT),
      Map.entry(Refusal.ReportMismatch.class, Kind.MISMATCH),
      Map.entry(Refusal.RevealMismatch.class, Kind.MISMATCH),
      Map.entry(Refusal.NotSelected.class, Kind.MISMATCH),
      Map.entry(Refusal.Malformed.class, Kind.MALFORMED));

  private final Supplier<AgreementVersions> versions;
  private final DeclaredData declared;

  /**
   * @param versions the agreement through time, as the commission's decisions made it
   * @param declared what each Party declared, at any instant
   */
  public InspectionRegime(Supplier<AgreementVersions> versions, DeclaredData declared) {
    this.versions = versions;
    this.declared = declared;
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
  public InspectionLedger empty() {
    return new InspectionLedger(versions.get(), declared);
  }

  @Override
  public Outcome<InspectionLedger> apply(InspectionLedger state, Step step) {
    Steps.Bound<InspectionMessage> m =
        Steps.bind(DataExchangeJson.mapper(), step, InspectionMessage.class);
    if (m.refusal() != null) {
      return Outcome.refused(m.refusal());
    }
    StepResult r = state.apply(new dev.verity.core.inspection.Step(step.party(),
        step.entry().index(), step.at(), m.value()));
    return r.accepted() ? Outcome.next(state) : Outcome.refused(typed(r.refusal()));
  }

  /** An inspection refusal as the typed one: its kind, and its sealed type's name as the rule. */
  public static dev.verity.core.regime.Refusal typed(Refusal r) {
    return new dev.verity.core.regime.Refusal(KINDS.get(r.getClass()),
        r.getClass().getSimpleName(), r.reason());
  }

  @Override
  public List<Obligation> obligations(InspectionLedger state, Instant asOf) {
    return state.owed(asOf);
  }

  /** Inspections, exhibitions, exemptions and ambiguities, as the ledger keeps them. */
  public record View(List<Summary> inspections, List<Exhibition> exhibitions,
      List<FacilityExemption> exemptions, List<Ambiguity> ambiguities) {}

  /** One inspection: who, where, how far it has gone, and the entries of its accepted steps. */
  public record Summary(String id, String inspectingParty, String inspectedParty,
      InspectionRecord.Phase phase, String facility, int type, Instant arrivalTime,
      List<EntryRef> steps) {
    static Summary of(InspectionRecord r) {
      return new Summary(r.id(), r.inspectingParty(), r.inspectedParty(), r.phase(), r.facility(),
          r.type(), r.arrivalTime(), r.timeline().stream().map(
              dev.verity.core.inspection.Step::entry).toList());
    }
  }

  @Override
  public Object view(InspectionLedger state) {
    return new View(state.inspections().stream().map(Summary::of).toList(), state.exhibitions(),
        state.exemptions(), state.ambiguities());
  }
}
