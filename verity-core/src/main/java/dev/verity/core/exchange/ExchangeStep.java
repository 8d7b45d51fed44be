package dev.verity.core.exchange;

import dev.verity.tlog.merkle.Hash;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A step of an exchange, as a Party's, the mediator's or the intermediary's entry carries it:
 * who sent it ({@code party}) and when ({@code at}, the entry's signed time). No step holds a
 * name or a date of birth: persons appear as commitments and blinded values only.
 */
public sealed interface ExchangeStep {
  String party();

  Instant at();

  /** The message type in the agreement's terms. */
  String type();

  /** A Party commits one of its lists. */
  record CommitList(String party, Instant at, ListCommitment list) implements ExchangeStep {
    public String type() {
      return "exchange-list";
    }
  }

  /**
   * A Party blinds the other Party's list with its own key on top, value by value in entry
   * order, so that the list can be compared with its own (doubly blinded) lists.
   */
  record Reblind(String party, Instant at, ListId list, Hash root, List<Blinded> values)
      implements ExchangeStep {
    public Reblind {
      values = List.copyOf(values);
    }

    public String type() {
      return "exchange-reblind";
    }
  }

  /** The neutral intermediary attests a person's consent to return, or refusal (Art. 109). */
  record AttestConsent(String party, Instant at, ListId list, Hash commitment, Consent decision)
      implements ExchangeStep {
    public String type() {
      return "exchange-consent";
    }
  }

  /** The detaining Party hands over the persons of these held-list entries at a stage. */
  record HandOver(String party, Instant at, int stage, List<Hash> commitments)
      implements ExchangeStep {
    public HandOver {
      commitments = List.copyOf(commitments);
    }

    public String type() {
      return "exchange-handover";
    }
  }

  /** A Party's announced counts for a stage: persons handed and received (either may be null). */
  record ReportCounts(String party, Instant at, int stage, Counts handed, Counts received)
      implements ExchangeStep {
    public String type() {
      return "exchange-counts";
    }
  }

  /** The mediator attests what crossed at a stage: persons from each Party. */
  record AttestStage(String party, Instant at, int stage, Map<String, Counts> crossedFrom)
      implements ExchangeStep {
    public AttestStage {
      crossedFrom = Map.copyOf(crossedFrom);
    }

    public String type() {
      return "exchange-stage-attestation";
    }
  }

  /** The intermediary's finding on one person. */
  enum Consent {
    CONSENTS("consents"),
    REFUSES("refuses");

    private final String label;

    Consent(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
