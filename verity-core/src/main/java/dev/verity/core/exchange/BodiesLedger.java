package dev.verity.core.exchange;

import static dev.verity.core.exchange.Rule.MALFORMED;
import static dev.verity.core.exchange.Rule.OUT_OF_SEQUENCE;
import static dev.verity.core.exchange.Rule.WRONG_SENDER;

import dev.verity.core.exchange.BodiesReport.Declared;
import dev.verity.core.exchange.BodiesReport.Identified;
import dev.verity.core.exchange.BodiesReport.Received;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Repatriation of bodies as a pure fold: declared against received counts per transfer, and
 * identification progress over months. Figures that disagree are shown, not refused (Istanbul,
 * June 2025: Russia declared 6,060 handed, Ukraine received 6,057 in five stages); refused are
 * steps that cannot be true of one Party's own figures: identification going down, more
 * identified than received, a Party declaring to itself.
 */
public final class BodiesLedger {
  private final List<String> parties;
  private final List<BodiesReport> steps;

  private BodiesLedger(List<String> parties, List<BodiesReport> steps) {
    this.parties = List.copyOf(parties);
    this.steps = List.copyOf(steps);
  }

  public static BodiesLedger empty(List<String> parties) {
    return new BodiesLedger(parties, List.of());
  }

  /** One transfer's declared and received totals. */
  public record Transfer(String transfer, String from, String to, int declared, int received) {
    public int difference() {
      return declared - received;
    }
  }

  /** Identification as of a date: identified of those received by then. */
  public record Progress(String party, LocalDate asOf, int identified, int received,
      int otherSide) {
    /** Identified as a share of received, 0 to 1. */
    public double share() {
      return received == 0 ? 0 : (double) identified / received;
    }
  }

  /** The ledger after {@code s}, or a refusal with this ledger unchanged. */
  public Outcome<BodiesLedger> apply(BodiesReport s) {
    Optional<Refusal> r = check(s);
    if (r.isPresent()) {
      return Outcome.refused(r.get());
    }
    List<BodiesReport> next = new ArrayList<>(steps);
    next.add(s);
    return Outcome.next(new BodiesLedger(parties, next));
  }

  private Optional<Refusal> check(BodiesReport s) {
    if (!parties.contains(s.party())) {
      return refuse(WRONG_SENDER, s.party() + " is not a Party to the repatriation");
    }
    if (s instanceof Declared d) {
      return d.bodies() < 0 || !parties.contains(d.to()) || d.to().equals(d.party())
          ? refuse(MALFORMED, "a declaration hands at least 0 bodies to the other Party")
          : Optional.empty();
    }
    if (s instanceof Received r) {
      return r.bodies() < 0 ? refuse(MALFORMED, "at least 0 bodies") : Optional.empty();
    }
    return identified((Identified) s);
  }

  private Optional<Refusal> identified(Identified i) {
    Optional<Progress> last = identification(i.party()).stream().reduce((a, b) -> b);
    int received = received(i.party(), i.asOf());
    if (last.isPresent() && (i.asOf().isBefore(last.get().asOf())
        || i.identified() < last.get().identified())) {
      return refuse(OUT_OF_SEQUENCE, i.party() + " identified " + i.identified() + " by "
          + i.asOf() + ", after " + last.get().identified() + " by " + last.get().asOf()
          + ": identification is counted from the start and does not go down");
    }
    if (i.identified() < 0 || i.otherSide() < 0 || i.otherSide() > i.identified()
        || i.identified() > received) {
      return refuse(MALFORMED, i.party() + " identified " + i.identified() + " ("
          + i.otherSide() + " of the other side) of " + received + " bodies received by "
          + i.asOf());
    }
    return Optional.empty();
  }

  /** Each transfer's declared and received totals per direction, in the order first named. */
  public List<Transfer> transfers() {
    Set<Transfer> keys = new LinkedHashSet<>();
    steps.forEach(s -> key(s).ifPresent(keys::add));
    List<Transfer> out = new ArrayList<>();
    for (Transfer k : keys) {
      int declared = steps.stream().filter(s -> s instanceof Declared && key(s).get().equals(k))
          .mapToInt(s -> ((Declared) s).bodies()).sum();
      int received = steps.stream().filter(s -> s instanceof Received && key(s).get().equals(k))
          .mapToInt(s -> ((Received) s).bodies()).sum();
      out.add(new Transfer(k.transfer(), k.from(), k.to(), declared, received));
    }
    return out;
  }

  /** The transfer and direction a step counts in, with no counts. */
  private Optional<Transfer> key(BodiesReport s) {
    if (s instanceof Declared d) {
      return Optional.of(new Transfer(d.transfer(), d.party(), d.to(), 0, 0));
    }
    return s instanceof Received r
        ? Optional.of(new Transfer(r.transfer(), other(r.party()), r.party(), 0, 0))
        : Optional.empty();
  }

  private String other(String party) {
    return parties.get(0).equals(party) ? parties.get(1) : parties.get(0);
  }

  /** {@code party}'s identification reports with the bodies received by each date. */
  public List<Progress> identification(String party) {
    return steps.stream().filter(s -> s instanceof Identified i && i.party().equals(party))
        .map(Identified.class::cast)
        .map(i -> new Progress(party, i.asOf(), i.identified(), received(party, i.asOf()),
            i.otherSide()))
        .toList();
  }

  private int received(String party, LocalDate asOf) {
    return steps.stream().filter(s -> s instanceof Received r && r.party().equals(party)
        && !r.date().isAfter(asOf)).mapToInt(s -> ((Received) s).bodies()).sum();
  }

  private static Optional<Refusal> refuse(Rule r, String words) {
    return Optional.of(r.refusal(BodiesRegime.ID, words));
  }
}
