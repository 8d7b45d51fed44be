package dev.verity.node.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.commission.AgreementVersions;
import dev.verity.core.commission.Commission;
import dev.verity.core.commission.CommissionMessage;
import dev.verity.core.inspection.InspectionLedger;
import dev.verity.core.inspection.InspectionMessage;
import dev.verity.core.inspection.Step;
import dev.verity.core.inspection.StepResult;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.EntryRef;
import dev.verity.node.entry.Envelope;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inspection and commission projection of the node: every inspection, exhibition and
 * commission entry of both Parties' logs, folded into one {@link Commission} and one
 * {@link InspectionLedger} in the canonical order ({@link InspectionLedger#ORDER}), the ledger
 * honouring the agreement versions the commission's decisions brought into force. A step's time is
 * its entry's signed {@code createdAt} (docs/dev/decisions.md D17). The steps are few (tens a
 * year), so the fold is simply redone whenever an entry arrives out of time order, and to check a
 * submitted step in its canonical place. Guarded by the {@link Projections} lock.
 */
public final class InspectionProjection {
  /**
   * Why a submitted step was refused: the simple name of the ledger's refusal (or "Commission"),
   * or for a provision's step the evaluator's rule ({@code exercise-notification/one-a-year}),
   * and its reason.
   */
  public record Refused(String refusal, String reason) {}

  /** An entry as logged, for timelines: where, what type, when, its body. */
  public record Logged(EntryRef entry, String type, Instant at, JsonNode body) {}

  /** The folded state: the commission (with the agreement versions) and the inspection ledger. */
  public record State(Commission commission, InspectionLedger ledger) {}

  private final Projections projections;
  private final InventoryDeclaredData declared;
  private final List<Step> steps = new ArrayList<>();
  private final List<Commission.Entry> commission = new ArrayList<>();
  private final Map<EntryRef, Logged> logged = new HashMap<>();
  private final ProblemList problems = new ProblemList();
  private State state;

  InspectionProjection(Projections projections) {
    this.projections = projections;
    this.declared = new InventoryDeclaredData(projections);
  }

  /** Whether entries of {@code type} belong here (issue 6's message types). */
  public static boolean handles(String type) {
    return type != null && (type.startsWith("inspection-") || type.startsWith("exhibition-") || isCommission(type));
  }

  public static boolean isCommission(String type) {
    return type.startsWith("commission-");
  }

  /** Adds an entry from any Party's log (a peer's through the mirror, or the node's own at start). */
  void record(String party, long index, Envelope e) {
    synchronized (projections) {
      try {
        add(party, index, e);
      } catch (IOException ex) {
        problems.add(party + "/" + index + ": " + e.type() + ": " + ex.getMessage().split("\n")[0]);
      }
      state = null; // folded again when next asked: entries may arrive out of time order
    }
  }

  /**
   * Checks an own entry in its canonical place among all the others and, if the rules accept it,
   * adds it; otherwise returns the refusal and changes nothing.
   */
  Optional<Refused> tryAccept(String party, long index, Envelope e) {
    synchronized (projections) {
      int s = steps.size();
      int c = commission.size();
      try {
        add(party, index, e);
      } catch (IOException ex) {
        return Optional.of(new Refused("Malformed", ex.getMessage().split("\n")[0]));
      }
      State next = fold();
      Optional<Refused> no = refusal(next, new EntryRef(party, index));
      if (no.isPresent()) {
        steps.subList(s, steps.size()).clear();
        commission.subList(c, commission.size()).clear();
        logged.remove(new EntryRef(party, index));
      } else {
        state = next;
      }
      return no;
    }
  }

  private static Optional<Refused> refusal(State s, EntryRef ref) {
    for (Commission.Result r : s.commission().results()) {
      if (r.entry().ref().equals(ref) && !r.accepted()) {
        return Optional.of(new Refused("Commission", r.refusal()));
      }
    }
    for (StepResult r : s.ledger().results()) {
      if (r.step().entry().equals(ref) && !r.accepted()) {
        return Optional.of(new Refused(r.refusal().getClass().getSimpleName(), r.refusal().reason()));
      }
    }
    return Optional.empty();
  }

  private void add(String party, long index, Envelope e) throws IOException {
    if (e.createdAt() == null) {
      throw new IOException("entry without createdAt");
    }
    ObjectNode body = e.body().deepCopy();
    body.put("type", e.type());
    if (isCommission(e.type())) {
      CommissionMessage m = DataExchangeJson.mapper().treeToValue(body, CommissionMessage.class);
      commission.add(new Commission.Entry(party, index, e.createdAt(), m));
    } else {
      InspectionMessage m = DataExchangeJson.mapper().treeToValue(body, InspectionMessage.class);
      steps.add(new Step(party, index, e.createdAt(), m));
    }
    EntryRef ref = new EntryRef(party, index);
    logged.put(ref, new Logged(ref, e.type(), e.createdAt(), e.body()));
  }

  private State fold() {
    return fold(steps, commission);
  }

  private State fold(List<Step> s, List<Commission.Entry> c) {
    Agreement a = projections.agreement();
    Commission folded = Commission.fold(AgreementVersions.of(a), c);
    return new State(folded, InspectionLedger.fold(folded.versions(), declared, s));
  }

  /** The state with every entry received. */
  public State state() {
    synchronized (projections) {
      if (state == null) {
        state = fold();
      }
      return state;
    }
  }

  /** The state with the entries whose time is not after {@code asOf}: what the Parties knew then. */
  public State stateAsOf(Instant asOf) {
    synchronized (projections) {
      boolean all = steps.stream().noneMatch(x -> x.at().isAfter(asOf))
          && commission.stream().noneMatch(x -> x.at().isAfter(asOf));
      if (all) {
        return state();
      }
      return fold(steps.stream().filter(x -> !x.at().isAfter(asOf)).toList(),
          commission.stream().filter(x -> !x.at().isAfter(asOf)).toList());
    }
  }

  /** The entry as logged, if it is an inspection, exhibition or commission entry. */
  public Optional<Logged> logged(EntryRef ref) {
    synchronized (projections) {
      return Optional.ofNullable(logged.get(ref));
    }
  }

  /** An item as declared (the inventory projection) at {@code at}. */
  public Optional<dev.verity.core.message.Item> declaredItem(String party, String id, Instant at) {
    synchronized (projections) {
      return at == null ? Optional.empty() : declared.item(party, id, at);
    }
  }

  /** The inspection deadlines as typed obligations, as seen at {@code asOf}. */
  public List<Owed> obligations(Instant asOf) {
    return stateAsOf(asOf).ledger().owed(asOf).stream().map(Owed::of).toList();
  }

  /** Entries that could not be read as steps (kept in the log, listed here). */
  List<String> problems() {
    synchronized (projections) {
      return List.copyOf(problems.kept());
    }
  }

  long problemCount() {
    synchronized (projections) {
      return problems.total();
    }
  }
}
