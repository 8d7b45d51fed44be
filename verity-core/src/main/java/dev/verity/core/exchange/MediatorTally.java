package dev.verity.core.exchange;

import static dev.verity.core.exchange.Rule.MALFORMED;
import static dev.verity.core.exchange.Rule.OUT_OF_SEQUENCE;

import dev.verity.core.exchange.TallyFinding.Break;
import dev.verity.core.exchange.TallyFinding.Gap;
import dev.verity.core.regime.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A mediator's numbered mediations and cumulative totals, checked by total(n) = total(n−1) +
 * count(n) (domain notes C4): the UAE announces each exchange with its number and the total
 * exchanged through its mediation. A break or a gap is named ({@link #findings()}), never
 * refused: it is the mediator's own signed figure. Only a number out of order is refused.
 */
public final class MediatorTally {
  private final String mediator;
  private final List<Mediation> mediations;

  private MediatorTally(String mediator, List<Mediation> mediations) {
    this.mediator = mediator;
    this.mediations = List.copyOf(mediations);
  }

  public static MediatorTally empty(String mediator) {
    return new MediatorTally(mediator, List.of());
  }

  public String mediator() {
    return mediator;
  }

  public List<Mediation> mediations() {
    return mediations;
  }

  /** The tally with {@code m} appended, or a refusal when its number is not the next up. */
  public Outcome<MediatorTally> apply(Mediation m) {
    if (!mediations.isEmpty() && m.number() <= last().number()) {
      return Outcome.refused(OUT_OF_SEQUENCE.refusal(TallyRegime.ID, "mediation "
          + m.number() + " after mediation " + last().number()));
    }
    if (m.number() < 1 || m.exchanged() < 0 || m.cumulative() < 0) {
      return Outcome.refused(MALFORMED.refusal(TallyRegime.ID, "mediation "
          + m.number() + ": a number from 1 and counts of at least 0"));
    }
    List<Mediation> next = new ArrayList<>(mediations);
    next.add(m);
    return Outcome.next(new MediatorTally(mediator, next));
  }

  /** Every break and gap, in order. */
  public List<TallyFinding> findings() {
    List<TallyFinding> out = new ArrayList<>();
    for (int i = 1; i < mediations.size(); i++) {
      Mediation p = mediations.get(i - 1);
      Mediation c = mediations.get(i);
      if (c.number() == p.number() + 1) {
        step(i).ifPresent(out::add);
      } else {
        out.add(gap(p, c));
      }
    }
    return out;
  }

  private Optional<TallyFinding> step(int i) {
    Mediation p = mediations.get(i - 1);
    Mediation c = mediations.get(i);
    long expected = p.cumulative() + c.exchanged();
    if (expected == c.cumulative()) {
      return Optional.empty();
    }
    long off = c.cumulative() - expected;
    boolean suspect = i + 1 < mediations.size()
        && mediations.get(i + 1).number() == c.number() + 1
        && mediations.get(i + 1).cumulative() - c.cumulative()
            - mediations.get(i + 1).exchanged() == -off;
    String words = mediator + " mediation " + c.number() + " (" + c.when() + "): "
        + p.cumulative() + " + " + c.exchanged() + " = " + expected + ", but the total given is "
        + c.cumulative() + " (" + (off > 0 ? off + " more" : -off + " fewer") + ")"
        + (suspect ? "; the next total adds up from " + expected
            + ", so this published total is the likely error" : "");
    return Optional.of(new Break(c.number(), p.cumulative(), c.exchanged(), expected,
        c.cumulative(), suspect, words));
  }

  private Gap gap(Mediation p, Mediation c) {
    long implied = c.cumulative() - c.exchanged() - p.cumulative();
    String missing = c.number() - p.number() == 2 ? "mediation " + (p.number() + 1)
        : "mediations " + (p.number() + 1) + " to " + (c.number() - 1);
    String words = mediator + " " + missing + " not announced: totals " + p.cumulative()
        + " (mediation " + p.number() + ") and " + c.cumulative() + " less " + c.exchanged()
        + " (mediation " + c.number() + ") imply " + implied + " persons exchanged in between"
        + (implied < 0 ? ", which cannot be" : " (derived)");
    return new Gap(c.number(), p.number(), implied, words);
  }

  private Mediation last() {
    return mediations.get(mediations.size() - 1);
  }
}
