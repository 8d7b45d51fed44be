package dev.verity.core.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.lifecycle.Standing;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline evaluator (issue 12, {@code verity agreement replay}): folds a list of steps under
 * an agreement without a node, and says what was accepted, what was refused and why, what is owed
 * as of an instant, and each regime's state. It is how anyone checks an agreement's rules.
 *
 * <p>Each step is an entry of its sender's log: its index there is its position among that
 * Party's steps in the list, so the same list always gives the same entries, and the canonical
 * fold order (time, then Party, then log index) breaks ties the way a node would.
 */
public final class Replay {
  private Replay() {}

  /** One step as given: its position in the input, when, who, what type, its fields. */
  public record Input(int index, Instant at, String party, String type, JsonNode fields) {}

  /** A refused step: its position, the kind of refusal, the rule broken, why. */
  public record Refused(int index, Refusal.Kind refusal, String rule, String reason) {}

  /**
   * An obligation, with the step that met it by its position in the input.
   *
   * @param metBy the index of the step that met it; null if none
   * @param escalation for an escalation rung or an alarm: the missed deadline and round
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Owed(String regime, Obligation.Kind kind, String type, String subject,
      String party, Instant due, Obligation.Status status, Integer metBy,
      Obligation.Escalation escalation) {}

  /** An accepted step taken while the agreement was not in force as such (e.g. suspended). */
  public record Marked(int index, Standing standing) {}

  /**
   * The outcome, in the shape {@code verity agreement replay --format json} prints.
   *
   * @param marked the accepted steps taken while the agreement was suspended (or otherwise not
   *     in force as such), by input position
   */
  public record Result(List<Integer> accepted, List<Refused> refused, List<Owed> obligations,
      Map<String, Object> state, List<Marked> marked) {}

  /**
   * The evaluator after {@code steps}, folded as {@link #run} folds them (each Party's steps
   * numbered in the order given, as entries of its log): for a reader that needs a regime's
   * state itself, such as the ceasefire register's daily reports as a node serves them.
   */
  public static Evaluator evaluator(Agreement agreement, List<Input> steps) {
    return fold(agreement, steps).evaluator();
  }

  /** An evaluator after its fold, each step's line by entry, each refusal by line. */
  private record Folded(Evaluator evaluator, Map<EntryRef, Integer> indexOf,
      Map<Integer, Refusal> refusals) {}

  private static Folded fold(Agreement agreement, List<Input> steps) {
    Evaluator e = Evaluator.of(agreement);
    Map<String, Integer> next = new HashMap<>();
    Map<EntryRef, Integer> indexOf = new HashMap<>();
    Map<Integer, Refusal> refusals = new HashMap<>();
    List<Step> checked = new ArrayList<>();
    for (Input in : steps) {
      EntryRef ref = new EntryRef(in.party(), next.merge(in.party(), 1, Integer::sum) - 1);
      indexOf.put(ref, in.index());
      Evaluator.Checked c = e.check(ref, in.at(), in.type(), in.fields());
      if (c.refusal() != null) {
        refusals.put(in.index(), c.refusal());
      } else {
        checked.add(c.step());
      }
    }
    e.fold(checked).forEach((ref, r) -> refusals.put(indexOf.get(ref), r));
    return new Folded(e, indexOf, refusals);
  }

  /**
   * Folds {@code steps} under {@code agreement}; obligations as of {@code asOf}, or of the latest
   * step's time when null.
   */
  public static Result run(Agreement agreement, List<Input> steps, Instant asOf) {
    Folded f = fold(agreement, steps);
    Evaluator e = f.evaluator();
    Map<EntryRef, Integer> indexOf = f.indexOf();
    Map<Integer, Refusal> refusals = f.refusals();
    List<Marked> marked = e.marks().entrySet().stream().map(m -> new Marked(
        indexOf.get(m.getKey()), m.getValue())).sorted(Comparator.comparingInt(Marked::index))
        .toList();
    Instant when = asOf != null ? asOf : steps.stream().map(Input::at)
        .max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    return new Result(
        steps.stream().map(Input::index).filter(i -> !refusals.containsKey(i)).toList(),
        steps.stream().map(Input::index).filter(refusals::containsKey).map(i -> new Refused(i,
            refusals.get(i).kind(), refusals.get(i).rule(), refusals.get(i).reason())).toList(),
        e.obligations(when).stream().map(o -> new Owed(o.regime(), o.kind(), o.type(),
            o.subject(), o.party(), o.due(), o.status(),
            o.metBy() == null ? null : indexOf.get(o.metBy()), o.escalation())).toList(),
        e.views(), marked);
  }
}
