package dev.verity.core.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.DeclarationMode;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.agreement.Protocol;
import dev.verity.core.commission.AgreementVersions;
import dev.verity.core.commission.Commission;
import dev.verity.core.commission.CommissionRegime;
import dev.verity.core.escrow.EscrowRegime;
import dev.verity.core.inspection.InspectionRegime;
import dev.verity.core.inventory.InventoryRegime;
import dev.verity.core.inventory.InventoryState;
import dev.verity.core.lifecycle.LifecycleRegime;
import dev.verity.core.lifecycle.LifecycleState;
import dev.verity.core.lifecycle.Standing;
import dev.verity.core.message.EntryRef;
import dev.verity.core.protocol.ProtocolRegime;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import dev.verity.core.schema.FieldError;
import dev.verity.core.schema.Fields;
import dev.verity.core.schema.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every regime of one agreement, wired together: the agreement's own life (every agreement has
 * one), inventory and notifications (when the agreement counts items), escrowed declarations
 * (when it declares in escrow), the commission and the inspections (when its catalogue has their
 * message types), and one protocol engine per declared protocol. A step is checked against its
 * type's schema first ({@link #check}), then folded by the one regime that owns its type.
 *
 * <p>The regimes fold one after the other, in that order, each over its own steps in the
 * canonical {@link Step#ORDER}: the inspections read the commission's agreement versions and the
 * Parties' declarations complete, as the node does. Folding is deterministic: the same steps give
 * the same states and verdicts on every node and in the offline evaluator.
 *
 * <p>The life folds first, and the others are judged against it (docs/dev/decisions.md, "Messages
 * under a suspended agreement are accepted and marked"): a step taken while the agreement is
 * suspended is folded as usual and {@linkplain #marks marked}; a step from a Party that had
 * withdrawn, or after withdrawals ended the agreement, is refused ({@code lifecycle/withdrawn},
 * {@code lifecycle/ended}); an obligation that fell due while the agreement was suspended or not in
 * force is not counted as missed ({@link LifecycleState#judge}).
 */
public final class Evaluator {
  private final Agreement agreement;
  private final List<Regime<?>> regimes = new ArrayList<>();
  private final Map<String, Object> states = new LinkedHashMap<>();
  private final Map<EntryRef, Standing> marks = new LinkedHashMap<>();

  private Evaluator(Agreement agreement) {
    this.agreement = agreement;
  }

  /** The regimes of {@code a}, ready to fold. */
  public static Evaluator of(Agreement a) {
    Evaluator e = new Evaluator(a);
    e.regimes.add(new LifecycleRegime(a));
    if (!a.itemKinds().isEmpty()) {
      e.regimes.add(new InventoryRegime(a));
    }
    if (a.declarationMode() == DeclarationMode.ESCROW) {
      e.regimes.add(new EscrowRegime(a));
    }
    e.addIfUsed(new CommissionRegime(a));
    e.addIfUsed(new InspectionRegime(e::versions, new StateDeclaredData(e::inventory)));
    for (Protocol p : a.protocols()) {
      e.regimes.add(new ProtocolRegime(a, p));
    }
    return e;
  }

  private void addIfUsed(Regime<?> r) {
    if (r.types().stream().anyMatch(t -> agreement.messageType(t).isPresent())) {
      regimes.add(r);
    }
  }

  private AgreementVersions versions() {
    Object c = states.get(CommissionRegime.ID);
    return c instanceof Commission com ? com.versions() : AgreementVersions.of(agreement);
  }

  private Optional<InventoryState> inventory() {
    return Optional.ofNullable((InventoryState) states.get(InventoryRegime.ID));
  }

  public Agreement agreement() {
    return agreement;
  }

  /** The regimes, in the order they fold. */
  public List<Regime<?>> regimes() {
    return List.copyOf(regimes);
  }

  /** The regime that folds steps of {@code type}, if any. */
  public Optional<Regime<?>> owner(String type) {
    return regimes.stream().filter(r -> r.types().contains(type)).findFirst();
  }

  /** A step, or why it is refused before any regime sees it. */
  public record Checked(Step step, Refusal refusal) {}

  /**
   * The schema step: the sender takes part in the agreement, some regime folds the type, and the
   * fields match the type's schema (types outside the catalogue, such as {@code declaration}, are
   * checked by the regime that owns them).
   */
  public Checked check(EntryRef entry, Instant at, String type, JsonNode fields) {
    if (!agreement.participantIds().contains(entry.party())) {
      return refused(Kind.WRONG_ROLE, "participants", entry.party()
          + " is not a participant of " + agreement.id());
    }
    if (owner(type).isEmpty()) {
      return refused(Kind.UNKNOWN_TYPE, "message-types", agreement.id()
          + " has no message type '" + type + "'");
    }
    Optional<MessageType> mt = agreement.messageType(type);
    if (mt.isEmpty()) {
      return fields instanceof ObjectNode o ? new Checked(new Step(entry, at, type, Fields.of(o)),
          null) : refused(Kind.MALFORMED, "schema", "fields: expected an object");
    }
    Validation v = agreement.validate(mt.get(), fields);
    if (!v.ok()) {
      return refused(Kind.MALFORMED, "schema", v.errors().stream().map(FieldError::toString)
          .map(s -> "fields." + s).collect(Collectors.joining("; ")));
    }
    return new Checked(new Step(entry, at, type, v.fields()), null);
  }

  private static Checked refused(Kind kind, String rule, String reason) {
    return new Checked(null, new Refusal(kind, rule, reason));
  }

  /**
   * Folds {@code steps} (already checked) through every regime, the agreement's life first;
   * returns each refused step's refusal by entry. The states stay here for {@link #obligations},
   * {@link #views} and {@link #marks}.
   */
  public Map<EntryRef, Refusal> fold(List<Step> steps) {
    Map<EntryRef, Refusal> refused = new LinkedHashMap<>();
    states.clear();
    marks.clear();
    for (Regime<?> r : regimes) {
      states.put(r.id(), foldOne(r, steps, refused));
    }
    return refused;
  }

  private <S> S foldOne(Regime<S> r, List<Step> steps, Map<EntryRef, Refusal> refused) {
    LifecycleState life = r instanceof LifecycleRegime ? null : lifecycle();
    S s = r.empty();
    for (Step step : steps.stream().filter(x -> r.types().contains(x.type())).sorted(Step.ORDER)
        .toList()) {
      Optional<Refusal> ended = life == null ? Optional.empty() : life.refusal(step);
      var o = ended.isPresent() ? Outcome.<S>refused(ended.get()) : r.apply(s, step);
      if (o instanceof Outcome.Next<S> n) {
        s = n.state();
        mark(life, step);
      } else {
        refused.put(step.entry(), ((Outcome.Refused<S>) o).refusal());
      }
    }
    return s;
  }

  /** Marks an accepted step taken while the agreement did not stand in force. */
  private void mark(LifecycleState life, Step step) {
    Standing at = life == null ? Standing.IN_FORCE
        : life.standing(step.party(), step.at(), step.at());
    if (at != Standing.IN_FORCE) {
      marks.put(step.entry(), at);
    }
  }

  /** The folded life of the agreement. */
  public LifecycleState lifecycle() {
    return (LifecycleState) states.get(LifecycleRegime.ID);
  }

  /**
   * The accepted steps taken while the agreement was not in force as such (suspended, most
   * often), with where it stood: they count, and are shown marked.
   */
  public Map<EntryRef, Standing> marks() {
    return Map.copyOf(marks);
  }

  /**
   * Every regime's obligations as seen at {@code asOf}, judged against the agreement's life, in
   * {@code Obligation.ORDER}.
   */
  public List<Obligation> obligations(Instant asOf) {
    List<Obligation> out = new ArrayList<>();
    LifecycleState life = lifecycle();
    for (Regime<?> r : regimes) {
      for (Obligation o : obligationsOf(r, asOf)) {
        out.add(life == null ? o : life.judge(o, asOf));
      }
    }
    out.sort(Obligation.ORDER);
    return out;
  }

  @SuppressWarnings("unchecked")
  private <S> List<Obligation> obligationsOf(Regime<S> r, Instant asOf) {
    return r.obligations((S) states.get(r.id()), asOf);
  }

  /** Each regime's state as it shows it, by regime id. */
  public Map<String, Object> views() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Regime<?> r : regimes) {
      out.put(r.id(), viewOf(r));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private <S> Object viewOf(Regime<S> r) {
    return r.view((S) states.get(r.id()));
  }
}
