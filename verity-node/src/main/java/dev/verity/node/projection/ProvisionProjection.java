package dev.verity.node.projection;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.agreement.Protocol;
import dev.verity.core.lifecycle.LifecycleRegime;
import dev.verity.core.lifecycle.LifecycleState;
import dev.verity.core.lifecycle.Standing;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import dev.verity.core.replay.Evaluator;
import dev.verity.core.replay.Evaluator.Checked;
import dev.verity.node.entry.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The provisions that are data or a small code regime (issue 12): the message types the core's
 * {@link Evaluator} routes first to a declared protocol ({@code protocols:}) or to a code regime
 * a type names ({@code regime:}), folded by that same evaluator from every Party's entries of
 * those types, own and mirrored. Each step is dated by its entry's time and folded in the
 * canonical {@link Step#ORDER}, so every node, and {@code verity agreement replay}, gives the same
 * states, refusals and obligations from the same entries (docs/dev/decisions.md, "The node runs
 * data-only provisions through the evaluator"). The types the node already projects (inventory
 * and notifications, inspections, the commission, escrow) keep their paths.
 *
 * <p>The agreement's own life (entry into force, suspension, resumption, withdrawal: the shared
 * {@code lifecycle} provision) is folded here too, by the evaluator's {@link LifecycleRegime}, and
 * every obligation the node lists, whichever projection owes it, is {@linkplain #judged judged}
 * against it: one that fell due while the agreement was suspended reads {@code suspended}, not
 * {@code missing} or {@code late} (docs/dev/decisions.md, "Messages under a suspended agreement
 * are accepted and marked", and "The node folds the agreement's life").
 */
public final class ProvisionProjection {
  private final Evaluator evaluator;
  private final Set<String> provisions = new HashSet<>();
  /**
   * Every step recorded, accepted or not. A step that sorts after every step of its provision
   * is folded onto the held states; one that comes earlier (a peer's entry mirrored late) makes
   * the evaluator fold them all again, deterministically.
   */
  private final List<Step> steps = new ArrayList<>();
  private Map<EntryRef, Refusal> refused = new LinkedHashMap<>();

  ProvisionProjection(Agreement agreement) {
    this.evaluator = Evaluator.of(agreement);
    agreement.protocols().stream().map(Protocol::id).forEach(provisions::add);
    provisions.addAll(MessageType.REGIMES);
    provisions.add(LifecycleRegime.ID);
    evaluator.fold(steps); // every regime has a state before the first step
  }

  /** True for a message type whose first regime is a declared protocol or a code regime. */
  public boolean handles(String type) {
    return evaluator.owner(type).map(Regime::id).filter(provisions::contains).isPresent();
  }

  /** Records entry {@code index} of {@code party} (own or mirrored); its refusal, if any. */
  synchronized Optional<Refusal> record(String party, long index, Envelope e) {
    Checked c = check(party, index, e);
    if (c.refusal() != null) {
      return Optional.of(c.refusal());
    }
    steps.add(c.step());
    if (!evaluator.appends(c.step())) {
      refused = new LinkedHashMap<>(evaluator.fold(steps));
      return Optional.ofNullable(refused.get(c.step().entry()));
    }
    Optional<Refusal> no = evaluator.append(c.step());
    no.ifPresent(r -> refused.put(c.step().entry(), r));
    return no;
  }

  /**
   * Checks an own entry against the state folded from every Party's steps so far and keeps it if
   * the evaluator accepts it; returns its refusal otherwise, having changed nothing.
   */
  synchronized Optional<Refusal> tryAccept(String party, long index, Envelope e) {
    Checked c = check(party, index, e);
    if (c.refusal() != null) {
      return Optional.of(c.refusal());
    }
    if (evaluator.appends(c.step())) {
      // A refused step changes no state (Regime's contract), so nothing is to be undone.
      Optional<Refusal> no = evaluator.append(c.step());
      if (no.isEmpty()) {
        steps.add(c.step());
      }
      return no;
    }
    List<Step> with = new ArrayList<>(steps);
    with.add(c.step());
    Map<EntryRef, Refusal> r = evaluator.fold(with);
    Refusal no = r.get(c.step().entry());
    if (no != null) {
      refused = new LinkedHashMap<>(evaluator.fold(steps));
      return Optional.of(no);
    }
    steps.add(c.step());
    refused = new LinkedHashMap<>(r);
    return Optional.empty();
  }

  private Checked check(String party, long index, Envelope e) {
    return evaluator.check(new EntryRef(party, index), e.createdAt(), e.type(), e.body());
  }

  /** The provisions' typed obligations as of {@code asOf}, as the API serves them. */
  public synchronized List<Owed> obligations(Instant asOf) {
    return evaluator.obligations(asOf).stream().filter(o -> provisions.contains(o.regime()))
        .map(Owed::of).toList();
  }

  /** Each provision regime's view (its state as it shows it), by regime id. */
  public synchronized Map<String, Object> views() {
    Map<String, Object> out = new LinkedHashMap<>();
    evaluator.views().forEach((id, v) -> {
      if (provisions.contains(id)) {
        out.put(id, v);
      }
    });
    return out;
  }

  /**
   * {@code owed} judged against the agreement's life as known at {@code asOf} (an obligation
   * that fell due while it was suspended or not in force is not missed), in the same order.
   */
  public synchronized List<Owed> judged(List<Owed> owed, Instant asOf) {
    LifecycleState life = evaluator.lifecycle();
    return owed.stream().map(o -> {
      Obligation j = life.judge(o.obligation(), asOf);
      return j.status() == o.status() ? o : o.withStatus(j.status());
    }).toList();
  }

  /** Where the agreement stands at {@code t}, as known at {@code t}. */
  public synchronized Standing standing(Instant t) {
    return evaluator.lifecycle().standing(t, t);
  }

  /** The agreement's life as the API shows it, as known at {@code asOf}. */
  public synchronized LifeView life(Instant asOf) {
    return LifeView.of(evaluator.lifecycle(), asOf);
  }

  /**
   * The folded state of the code regime {@code regime} ({@code talks}, {@code
   * ceasefire-register}), if the agreement has it: an immutable value, safe to read unlocked.
   */
  public synchronized <S> Optional<S> state(String regime, Class<S> type) {
    return evaluator.state(regime, type);
  }

  /**
   * The accepted steps of the message types {@code types}, own and mirrored, in the canonical
   * {@link Step#ORDER} (the military line's board reads its messages, acknowledgements and
   * replies from them).
   */
  public synchronized List<Step> steps(Set<String> types) {
    return steps.stream().filter(s -> types.contains(s.type()) && !refused.containsKey(s.entry()))
        .sorted(Step.ORDER).toList();
  }

  /** The recorded entries the evaluator refused (a peer's entry breaking a rule), by entry. */
  public synchronized Map<EntryRef, Refusal> refused() {
    return Map.copyOf(refused);
  }
}
