package dev.verity.core.talks;

import java.util.List;

/**
 * A new version of a text, as a delegation submits it: the text's id and kind, the glossary term
 * (for a definition), where it belongs (round, track, agenda item) and its clauses in order. The
 * register numbers the version, hashes it and computes the redline against the version before.
 */
public record TextSubmission(
    String text, TextKind kind, String term, int round, String track, String agendaItem,
    List<Clause> clauses) implements Action {
  public TextSubmission {
    clauses = clauses == null ? List.of() : List.copyOf(clauses);
  }
}
