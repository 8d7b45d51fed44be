package dev.verity.core.ceasefire;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.verity.core.agreement.Party;
import dev.verity.core.ceasefire.Answer.Finding;
import dev.verity.core.ceasefire.Answer.FindingStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A filed observation or claim as the register keeps it: who filed it and when, the observation,
 * its standing, the report day of its event, whether it was filed after that day's report closed
 * (counted then in the report of the day it was filed, as late), and every answer and site
 * opening linked to it, in order.
 *
 * @param filerRole the filer's role in the agreement ({@code party}, {@code monitor},
 *     {@code mediator})
 * @param day the report day of the event (the day holding the end of its period)
 */
public record ClaimRecord(
    String id, String filer, String filerRole, Instant recordedAt,
    Observation observation, Standing standing, LocalDate day, boolean late,
    List<AnswerRecord> answers, List<OpenedSite> openings) {

  public ClaimRecord {
    answers = List.copyOf(answers);
    openings = List.copyOf(openings);
  }

  /** An observation when the monitor filed it, a claim when a Party or the mediator did. */
  public Kind kind() {
    return Party.MONITOR.equals(filerRole) ? Kind.OBSERVATION : Kind.CLAIM;
  }

  /** The monitor's latest finding, if any. */
  public Optional<Finding> finding() {
    for (int i = answers.size() - 1; i >= 0; i--) {
      if (answers.get(i).answer() instanceof Finding f) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  public Optional<FindingStatus> findingStatus() {
    return finding().map(Finding::status);
  }

  ClaimRecord withAnswer(AnswerRecord a) {
    List<AnswerRecord> more = new ArrayList<>(answers);
    more.add(a);
    return new ClaimRecord(id, filer, filerRole, recordedAt, observation, standing, day, late,
        more, openings);
  }

  ClaimRecord withOpening(OpenedSite o) {
    List<OpenedSite> more = new ArrayList<>(openings);
    more.add(o);
    return new ClaimRecord(id, filer, filerRole, recordedAt, observation, standing, day, late,
        answers, more);
  }

  /** A site of a Party's sealed list, opened for this claim. */
  public record OpenedSite(String party, Instant at, SiteOpening opening) {}

  /** Observation (by the monitor) or claim (by a Party or the mediator). */
  public enum Kind {
    OBSERVATION, CLAIM;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
