package dev.verity.core.talks;

import dev.verity.core.regime.Obligation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pcollections.PVector;
import org.pcollections.TreePMap;
import org.pcollections.TreePVector;

/**
 * The state of multi-party talks, the same on every node: rounds with their tracks, agenda,
 * sessions, outputs and capital-report anchors; each delegation's rosters over time; the texts
 * with their versions and marks; the action items. Immutable: {@link TalksRegime#apply} returns a
 * new value sharing the rest.
 */
public final class Talks {
  /** The type of an action item's obligation. */
  public static final String ACTION_ITEM = "action-item";

  private final TalksRules rules;
  private final TreePMap<Integer, RoundRecord> rounds;
  private final TreePMap<String, PVector<RosterEntry>> rosters;
  private final TreePMap<String, TextRecord> texts;
  private final TreePMap<String, ActionItemRecord> actions;
  private final Instant last;

  private Talks(TalksRules rules, TreePMap<Integer, RoundRecord> rounds,
      TreePMap<String, PVector<RosterEntry>> rosters, TreePMap<String, TextRecord> texts,
      TreePMap<String, ActionItemRecord> actions, Instant last) {
    this.rules = rules;
    this.rounds = rounds;
    this.rosters = rosters;
    this.texts = texts;
    this.actions = actions;
    this.last = last;
  }

  static Talks empty(TalksRules rules) {
    return new Talks(rules, TreePMap.empty(), TreePMap.empty(), TreePMap.empty(),
        TreePMap.empty(), null);
  }

  /** A roster from the time it was declared. */
  public record RosterEntry(Instant from, DelegationRoster roster) {}

  public TalksRules rules() {
    return rules;
  }

  public Instant lastStepAt() {
    return last;
  }

  public List<RoundRecord> rounds() {
    return List.copyOf(rounds.values());
  }

  public Optional<RoundRecord> round(int number) {
    return Optional.ofNullable(rounds.get(number));
  }

  /** A delegation's roster in force at {@code at}. */
  public Optional<DelegationRoster> roster(String party, Instant at) {
    DelegationRoster found = null;
    for (RosterEntry e : rosterHistory(party)) {
      if (!e.from().isAfter(at)) {
        found = e.roster();
      }
    }
    return Optional.ofNullable(found);
  }

  public List<RosterEntry> rosterHistory(String party) {
    return List.copyOf(rosters.getOrDefault(party, TreePVector.empty()));
  }

  public Optional<TextRecord> text(String id) {
    return Optional.ofNullable(id == null ? null : texts.get(id));
  }

  public List<TextRecord> texts() {
    return List.copyOf(texts.values());
  }

  /** The state of text {@code id}, for the talks' signatories. */
  public Optional<TextRecord.State> state(String id) {
    return text(id).map(t -> t.state(rules.signatories()));
  }

  /** Every agreed definition, by term. */
  public SortedMap<String, GlossaryEntry> glossary() {
    SortedMap<String, GlossaryEntry> out = new TreeMap<>();
    for (TextRecord t : texts.values()) {
      if (t.kind() == TextKind.DEFINITION) {
        t.agreed(rules.signatories()).ifPresent(v -> out.put(t.term(),
            new GlossaryEntry(t.term(), t.id(), v.version(), v.hash(), v.clauses())));
      }
    }
    return out;
  }

  public List<ActionItemRecord> actionItems() {
    return List.copyOf(actions.values());
  }

  public Optional<ActionItemRecord> actionItem(String id) {
    return Optional.ofNullable(id == null ? null : actions.get(id));
  }

  /**
   * Every action item as its owner's obligation as of {@code asOf}, by item id: type {@code
   * action-item}, the item as subject, met by the entry that reported it done.
   */
  public List<Obligation> obligations(Instant asOf) {
    List<Obligation> out = new ArrayList<>();
    for (ActionItemRecord a : actions.values()) {
      Obligation.Status st = a.status(asOf);
      boolean met = st == Obligation.Status.MET || st == Obligation.Status.LATE;
      out.add(new Obligation(TalksRegime.ID, Obligation.Kind.DEADLINE, ACTION_ITEM,
          a.item().id(), a.item().owner(), a.item().due(), st, met ? a.doneIn() : null, null));
    }
    return out;
  }

  Talks at(Instant t) {
    return new Talks(rules, rounds, rosters, texts, actions, t);
  }

  Talks with(RoundRecord r) {
    return new Talks(rules, rounds.plus(r.round().number(), r), rosters, texts, actions, last);
  }

  Talks withRoster(String party, RosterEntry e) {
    PVector<RosterEntry> h = rosters.getOrDefault(party, TreePVector.empty()).plus(e);
    return new Talks(rules, rounds, rosters.plus(party, h), texts, actions, last);
  }

  Talks with(TextRecord t) {
    return new Talks(rules, rounds, rosters, texts.plus(t.id(), t), actions, last);
  }

  Talks with(ActionItemRecord a) {
    return new Talks(rules, rounds, rosters, texts, actions.plus(a.item().id(), a), last);
  }
}
