package dev.verity.core.talks;

import java.time.Instant;
import java.util.List;

/**
 * One version of a text as the talks keep it: its number, hash, author and time, where it
 * belongs, its clauses and the redline from the version before.
 */
public record TextVersion(
    int version, String hash, String author, Instant at, int round, String track,
    String agendaItem, List<Clause> clauses, Redline redline) {
  public TextVersion {
    clauses = List.copyOf(clauses);
  }
}
