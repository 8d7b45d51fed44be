package dev.verity.core.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.DeclarationMode;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.agreement.Protocol;
import dev.verity.core.ceasefire.CeasefireRegime;
import dev.verity.core.commission.AgreementVersions;
import dev.verity.core.commission.Commission;
import dev.verity.core.commission.CommissionRegime;
import dev.verity.core.escrow.EscrowRegime;
import dev.verity.core.exchange.BodiesRegime;
import dev.verity.core.exchange.ExchangeRegime;
import dev.verity.core.exchange.TallyRegime;
import dev.verity.core.inspection.InspectionRegime;
import dev.verity.core.inventory.InventoryRegime;
import dev.verity.core.inventory.InventoryState;
import dev.verity.core.lifecycle.LifecycleRegime;
import dev.verity.core.lifecycle.LifecycleState;
import dev.verity.core.lifecycle.Standing;
import dev.verity.core.message.EntryRef;
import dev.verity.core.protocol.ProtocolRegime;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import dev.verity.core.schema.FieldError;
import dev.verity.core.schema.Fields;
import dev.verity.core.schema.Validation;
import dev.verity.core.talks.TalksRegime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every regime of one agreement, wired together: the agreement's own life (every agreement has
 * one), inventory and notifications (when the agreement counts items), escrowed declarations
 * (when it declares in escrow), the commission and the inspections (when its catalogue has their
 * message types), the regimes whose rules are code that its message types name ({@code regime:},
 * e.g. the ceasefire register, the talks, the exchanges), and one protocol engine per declared
 * protocol. A step is checked against its type's schema first ({@link #check}), then folded by
 * <em>every</em> regime its type is routed to.
 *
 * <p><b>Routing.</b> A type goes to the code regime that knows it by name (lifecycle, inventory,
 * escrow, commission, inspections), to the code regime its declaration names, and to each protocol
 * one of whose steps names it, in that order (the order of {@link #regimes()}). Regimes that share
 * no type fold one after the other, each over its own steps in the canonical {@link Step#ORDER},
 * so that the inspections read the commission's agreement versions and the Parties' declarations
 * complete, as the node does. Regimes that share a type fold together, step by step in that
 * order, and a step they share is <b>all or nothing</b>: it goes to each of them in routing order;
 * the first refusal is the step's refusal, and no regime keeps the step (a regime that had taken
 * it is folded again without it, docs/dev/decisions.md "Regime state may be mutable"). So a claim
 * the register refuses opens no protocol subject, and an answer the protocol refuses is not
 * recorded on the claim. Folding is deterministic: the same steps give the same states and
 * verdicts on every node and in the offline evaluator.
 *
 * <p><b>The life.</b> The life folds first, and the others are judged against it
 * (docs/dev/decisions.md, "Messages under a suspended agreement are accepted and marked"): a step
 * taken while the agreement is suspended is folded as usual and {@linkplain #marks marked}; a step
 * from a Party that had withdrawn, or after withdrawals ended the agreement, is refused before any
 * regime sees it ({@code lifecycle/withdrawn}, {@code lifecycle/ended}); an obligation that fell
 * due while the agreement was suspended or not in force is not counted as missed ({@link
 * LifecycleState#judge}).
 */
public final class Evaluator {
  /** The regimes whose rules are code that a message type can name, by id. */
  static final Map<String, Function<Agreement, Regime<?>>> DECLARED = Map.of(
      CeasefireRegime.ID, CeasefireRegime::of,
      TalksRegime.ID, TalksRegime::of,
      ExchangeRegime.ID, ExchangeRegime::of,
      TallyRegime.ID, TallyRegime::of,
      BodiesRegime.ID, BodiesRegime::of);

  private final Agreement agreement;
  private final List<Regime<?>> regimes = new ArrayList<>();
  private final Map<String, Set<String>> routed = new LinkedHashMap<>();
  private final List<List<Regime<?>>> groups = new ArrayList<>();
  private final Map<String, Object> states = new LinkedHashMap<>();
  private final Map<EntryRef, Standing> marks = new LinkedHashMap<>();
  private LastFold last;

  private Evaluator(Agreement agreement) {
    this.agreement = agreement;
  }

  /**
   * The regimes of {@code a}, ready to fold.
   *
   * @throws IllegalArgumentException when a message type names a regime that does not fold it
   */
  public static Evaluator of(Agreement a) {
    Evaluator e = new Evaluator(a);
    e.add(new LifecycleRegime(a), null);
    if (!a.itemKinds().isEmpty()) {
      e.add(new InventoryRegime(a), null);
    }
    if (a.declarationMode() == DeclarationMode.ESCROW) {
      e.add(new EscrowRegime(a), null);
    }
    e.addIfUsed(new CommissionRegime(a));
    e.addIfUsed(new InspectionRegime(e::versions, new StateDeclaredData(e::inventory)));
    for (String id : MessageType.REGIMES) {
      Set<String> types = a.messages().stream().filter(m -> id.equals(m.regime()))
          .map(MessageType::id).collect(Collectors.toCollection(LinkedHashSet::new));
      if (!types.isEmpty()) {
        e.add(DECLARED.get(id).apply(a), types);
      }
    }
    for (Protocol p : a.protocols()) {
      e.add(new ProtocolRegime(a, p), null);
    }
    e.group();
    return e;
  }

  private void addIfUsed(Regime<?> r) {
    if (r.types().stream().anyMatch(t -> agreement.messageType(t).isPresent())) {
      add(r, null);
    }
  }

  /** Adds {@code r}, routed the types it names or, for a declared regime, those declared. */
  private void add(Regime<?> r, Set<String> declared) {
    if (declared != null && !r.types().containsAll(declared)) {
      Set<String> unknown = new TreeSet<>(declared);
      unknown.removeAll(r.types());
      throw new IllegalArgumentException(agreement.id() + ": messages " + unknown + ": regime "
          + r.id() + " folds no such type (it folds " + new TreeSet<>(r.types()) + ")");
    }
    regimes.add(r);
    routed.put(r.id(), Set.copyOf(declared != null ? declared : r.types()));
  }

  /**
   * Splits the regimes into groups that share message types (connected by shared types), each
   * group in the regimes' order, the groups in the order of their first regime.
   */
  private void group() {
    for (Regime<?> r : regimes) {
      List<Regime<?>> joined = new ArrayList<>(List.of(r));
      for (Iterator<List<Regime<?>>> it = groups.iterator(); it.hasNext();) {
        List<Regime<?>> g = it.next();
        if (g.stream().anyMatch(x -> shares(x, r))) {
          joined.addAll(0, g);
          it.remove();
        }
      }
      joined.sort(Comparator.comparingInt(regimes::indexOf));
      groups.add(joined);
    }
    groups.sort(Comparator.comparingInt(g -> regimes.indexOf(g.get(0))));
  }

  private boolean shares(Regime<?> a, Regime<?> b) {
    return routed.get(a.id()).stream().anyMatch(routed.get(b.id())::contains);
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

  /** The first regime a step of {@code type} goes to, if any. */
  public Optional<Regime<?>> owner(String type) {
    return routes(type).stream().findFirst();
  }

  /** Every regime a step of {@code type} goes to, in routing order. */
  public List<Regime<?>> routes(String type) {
    return regimes.stream().filter(r -> routed.get(r.id()).contains(type)).toList();
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
   * Folds {@code steps} (already checked) through every regime they are routed to, the
   * agreement's life first; returns each refused step's refusal by entry. The states stay here for
   * {@link #obligations}, {@link #views} and {@link #marks}.
   */
  public Map<EntryRef, Refusal> fold(List<Step> steps) {
    Map<EntryRef, Refusal> refused = new LinkedHashMap<>();
    states.clear();
    marks.clear();
    List<GroupFold> folds = new ArrayList<>();
    for (List<Regime<?>> g : groups) {
      LifecycleState life = g.get(0) instanceof LifecycleRegime ? null : lifecycle();
      GroupFold f = new GroupFold(g, routed, life, marks);
      states.putAll(f.run(steps, refused));
      folds.add(f);
    }
    last = new LastFold(folds, steps.size(), steps.stream().max(Step.ORDER).orElse(null),
        new LinkedHashMap<>(refused));
    return refused;
  }

  /**
   * {@code steps} folded, as {@link #fold} does, where they are the steps of the last fold and
   * {@code step} after them (a node's next entry): on top of the last fold when {@code step}
   * sorts after every step folded and the agreement's life does not take it, which gives the
   * same states and refusals as folding all again, at the cost of one step; otherwise all are
   * folded again. A node taking in a list part by part then does work linear in its parts, not
   * quadratic (docs/dev/decisions.md, "A list in numbered parts").
   */
  public Map<EntryRef, Refusal> foldNext(List<Step> steps, Step step) {
    LastFold l = last;
    boolean onTop = l != null && steps.size() == l.size() + 1
        && steps.get(steps.size() - 1) == step
        && (l.greatest() == null || Step.ORDER.compare(l.greatest(), step) < 0)
        && l.folds().stream().noneMatch(f -> f.life() && f.takes(step));
    if (!onTop) {
      return fold(steps);
    }
    Map<EntryRef, Refusal> refused = new LinkedHashMap<>(l.refused());
    for (GroupFold f : l.folds()) {
      states.putAll(f.next(step, refused));
    }
    last = new LastFold(l.folds(), steps.size(), step, new LinkedHashMap<>(refused));
    return refused;
  }

  /** The groups of the last fold, kept for {@link #foldNext}: how many steps, the greatest. */
  private record LastFold(List<GroupFold> folds, int size, Step greatest,
      Map<EntryRef, Refusal> refused) {}

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

  /**
   * The folded state of regime {@code id} if it is of {@code type}: a persistent value the
   * node's routes page through (a register's pages, its side by side) beyond what its view holds.
   */
  public <S> Optional<S> state(String id, Class<S> type) {
    Object s = states.get(id);
    return type.isInstance(s) ? Optional.of(type.cast(s)) : Optional.empty();
  }

  /**
   * Regime {@code id}'s folded state itself, for a reader that needs more than its view (a
   * node's route serving an exchange list's public entries); empty for an unknown regime.
   */
  public Optional<Object> state(String id) {
    return Optional.ofNullable(states.get(id));
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
