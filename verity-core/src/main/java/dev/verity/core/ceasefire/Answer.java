package dev.verity.core.ceasefire;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * An answer linked to a claim: the other side's acknowledgement or dispute, anyone's request that
 * the monitor verify, and the monitor's finding, in the SMM's words "followed up on reports of",
 * "corroborated", or not (domain file §A1). Answers are added, never overwritten: a claim keeps
 * them all, in order. When each is due is declared in the agreement, not here.
 */
public sealed interface Answer extends Action
    permits Answer.Acknowledgement, Answer.Dispute, Answer.VerificationRequest, Answer.Finding {

  /** The id of the claim answered. */
  String claim();

  /** The other side takes note of the claim (it need not accept it). */
  record Acknowledgement(String claim, String note) implements Answer {}

  /**
   * The other side disputes the facts or the attribution; for an attribution it may name whom it
   * holds responsible instead.
   */
  record Dispute(String claim, Ground ground, String statement, String attribution)
      implements Answer {}

  /** A request that the monitor verify the claim. */
  record VerificationRequest(String claim, String request) implements Answer {}

  /**
   * The monitor's finding. {@code attributedTo} is the monitor's own attribution, when it makes
   * one; a corroborated, attributed finding is the recorded determination a release on breach
   * needs.
   */
  record Finding(
      String claim, FindingStatus status, String attributedTo, String note,
      List<String> evidence) implements Answer {
    public Finding {
      evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
  }

  /** What a dispute disputes. */
  enum Ground {
    FACTS, ATTRIBUTION;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The monitor's status for a claim. */
  enum FindingStatus {
    FOLLOWED_UP, CORROBORATED, NOT_CORROBORATED;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
