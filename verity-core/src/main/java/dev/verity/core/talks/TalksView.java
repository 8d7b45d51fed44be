package dev.verity.core.talks;

import dev.verity.core.talks.Talks.RosterEntry;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The talks as the API and the offline evaluator show them: the rounds (tracks, agenda,
 * sessions, outputs, capital-report anchors), each delegation's rosters over time, every text
 * with its state for the signatories and its divergences, the glossary of agreed definitions and
 * the action items.
 */
public record TalksView(
    Instant lastStep, List<String> signatories, List<RoundRecord> rounds,
    SortedMap<String, List<RosterEntry>> rosters, List<Text> texts,
    SortedMap<String, GlossaryEntry> glossary, List<ActionItemRecord> actionItems) {

  /** A text, where it stands (draft, initialled, agreed) and where the delegations diverge. */
  public record Text(
      TextRecord.State state, List<TextRecord.Divergence> divergences, TextRecord text) {}

  static TalksView of(Talks t) {
    List<String> sign = t.rules().signatories();
    SortedMap<String, List<RosterEntry>> rosters = new TreeMap<>();
    t.rules().participants().forEach(p -> {
      if (!t.rosterHistory(p.id()).isEmpty()) {
        rosters.put(p.id(), t.rosterHistory(p.id()));
      }
    });
    return new TalksView(t.lastStepAt(), sign, t.rounds(), rosters, t.texts().stream()
        .map(x -> new Text(x.state(sign), x.divergences(sign), x)).toList(), t.glossary(),
        t.actionItems());
  }
}
