package dev.verity.core.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Notification;
import dev.verity.core.obligation.ObligationTracker;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Counting and notifications (New START's inventory) as a {@link Regime}: a thin adapter over the
 * public APIs of {@link Inventory}, {@link InventoryTimeline} and {@link ObligationTracker}, which
 * keep the rules. A {@code declaration} step is a Party's data exchange (docs/formats/
 * data-exchange.md); a step of a type with an {@code effect} is a notification, numbered in its
 * Party's sequence, received at the step's time (the date of provision is the date of receipt),
 * and refused when the Party's inventory cannot take it (an item moved after its elimination).
 */
public final class InventoryRegime implements Regime<InventoryState> {
  public static final String ID = "inventory";
  /** The step type of a data exchange: not in the message catalogue, its format is its own. */
  public static final String DECLARATION = "declaration";

  private final Agreement agreement;
  private final Set<String> types = new LinkedHashSet<>();

  public InventoryRegime(Agreement agreement) {
    this.agreement = agreement;
    types.add(DECLARATION);
    agreement.messages().stream().filter(MessageType::notification).map(MessageType::id)
        .forEach(types::add);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> types() {
    return Set.copyOf(types);
  }

  @Override
  public InventoryState empty() {
    return new InventoryState(agreement);
  }

  @Override
  public Outcome<InventoryState> apply(InventoryState state, Step step) {
    return step.type().equals(DECLARATION) ? declaration(state, step) : notification(state, step);
  }

  private Outcome<InventoryState> declaration(InventoryState state, Step step) {
    ObjectNode body = step.fields().json();
    if (!body.hasNonNull("agreement")) {
      body.put("agreement", agreement.id());
    }
    body.put("party", step.party());
    body.remove("receivedAt"); // the date of provision is the step's time of receipt
    try {
      Declaration d = DataExchangeJson.mapper().treeToValue(body, Declaration.class);
      if (!agreement.id().equals(d.agreement()) || d.asOf() == null) {
        return Outcome.refused(Kind.MALFORMED, "declaration", "a declaration needs asOf and, if"
            + " it names one, the agreement " + agreement.id());
      }
      Declaration received = new Declaration(d.agreement(), d.party(), d.asOf(), step.at(),
          d.facilities(), d.items());
      Inventory.of(agreement, "declaration", received); // its own rules, before anything moves
      state.declare(received, step.entry());
      return Outcome.next(state);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Outcome.refused(Kind.MALFORMED, "declaration", firstLine(e.getMessage()));
    } catch (DeclarationException e) {
      return Outcome.refused(Kind.MALFORMED, "declaration", e.getMessage());
    }
  }

  private Outcome<InventoryState> notification(InventoryState state, Step step) {
    ObjectNode body = step.fields().json();
    body.put("number", state.nextNumber(step.party()));
    body.put("party", step.party());
    body.put("type", step.type());
    body.put("receivedAt", step.at().toString());
    Notification n;
    try {
      n = DataExchangeJson.mapper().treeToValue(body, Notification.class);
    } catch (JsonProcessingException e) {
      return Outcome.refused(Kind.MALFORMED, "notification", firstLine(e.getOriginalMessage()));
    }
    if (!state.hasDeclaration(step.party())) {
      return Outcome.refused(Kind.WRONG_STATE, "declaration-first", "no declaration from "
          + step.party() + " yet: its data exchange comes first");
    }
    String problem = state.notify(n, step.entry());
    return problem == null ? Outcome.next(state)
        : Outcome.refused(Kind.CONFLICT, "inventory", problem);
  }

  private static String firstLine(String s) {
    return s == null ? "unreadable" : s.split("\n")[0];
  }

  /**
   * Each notification against its deadline and each data exchange owed, as {@link
   * ObligationTracker} judges them; typed, and seen as of {@code asOf}.
   */
  @Override
  public List<Obligation> obligations(InventoryState state, Instant asOf) {
    ObligationTracker t = new ObligationTracker(agreement);
    LocalDate today = asOf.atOffset(ZoneOffset.UTC).toLocalDate();
    List<Obligation> out = new ArrayList<>();
    for (String party : state.parties()) {
      List<InventoryState.Sent> sent = state.notifications(party);
      List<dev.verity.core.obligation.Obligation> judged = t.notifications(
          sent.stream().map(InventoryState.Sent::notification).toList(), nextExchangeDue(t, today),
          asOf);
      for (int i = 0; i < judged.size(); i++) {
        var o = judged.get(i);
        if (o.due() != null) {
          Notification n = sent.get(i).notification();
          out.add(typed(o, n.type(), Long.toString(n.number()), sent.get(i).entry(), asOf));
        }
      }
    }
    out.addAll(dataExchanges(t, state, today, asOf));
    out.sort(Obligation.ORDER);
    return out;
  }

  /**
   * The data exchanges owed by each bound Party up to {@code asOf} (due as {@link
   * ObligationTracker#exchangeDue} says), met by its declaration as of that date. An optional
   * exchange (a voluntary regime) is never missing.
   */
  private List<Obligation> dataExchanges(ObligationTracker t, InventoryState state,
      LocalDate today, Instant asOf) {
    List<Obligation> out = new ArrayList<>();
    if (agreement.dataExchange() == null) {
      return out;
    }
    for (var p : agreement.boundParties()) {
      for (LocalDate day : agreement.exchangeDates(today)) {
        InventoryState.Received d = state.declaration(p.id(), day).orElse(null);
        Instant due = t.exchangeDue(day);
        Obligation.Status s = Obligation.judge(null, due, d == null ? null : d.at(), asOf);
        if (s == Obligation.Status.MISSING && !agreement.dataExchange().required()) {
          s = Obligation.Status.DUE;
        }
        out.add(new Obligation(ID, Obligation.Kind.DEADLINE, "data-exchange", day.toString(),
            p.id(), due, s, met(s) ? d.entry() : null, null));
      }
    }
    return out;
  }

  private static boolean met(Obligation.Status s) {
    return s == Obligation.Status.MET || s == Obligation.Status.LATE;
  }

  /** The tracker's verdict on a notification, typed and seen as of {@code asOf}. */
  private static Obligation typed(dev.verity.core.obligation.Obligation o, String type,
      String subject, dev.verity.core.message.EntryRef entry, Instant asOf) {
    Obligation.Status s = Obligation.judge(null, o.due(), o.metAt(), asOf);
    return new Obligation(ID, Obligation.Kind.DEADLINE, type, subject, o.party(), o.due(), s,
        met(s) ? entry : null, null);
  }

  /** When the next data exchange is due after {@code today} (warhead changes are owed then). */
  private Instant nextExchangeDue(ObligationTracker t, LocalDate today) {
    if (agreement.dataExchange() == null) {
      return null;
    }
    return t.exchangeDue(agreement.exchangeDates(today.plusYears(1)).stream()
        .filter(x -> x.isAfter(today)).findFirst().orElse(today.plusMonths(6)));
  }

  @Override
  public Object view(InventoryState state) {
    return state.view();
  }
}
