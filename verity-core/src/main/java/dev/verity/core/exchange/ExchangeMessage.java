package dev.verity.core.exchange;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.verity.tlog.merkle.Hash;
import java.util.List;
import java.util.Map;

/**
 * What a step of an exchange carries: the typed fields of one message type of the agreement
 * ({@code exchange-list}, {@code exchange-handover}...), each naming the exchange it belongs to.
 * Who sent it and when are the step's (the entry's own). No message holds a name or a date of
 * birth: persons appear as commitments and blinded values only.
 */
public sealed interface ExchangeMessage permits Arrangement, ExchangeMessage.CommitList,
    ExchangeMessage.DeclareList, ExchangeMessage.ListPart, ExchangeMessage.Reblind,
    ExchangeMessage.AttestConsent, ExchangeMessage.HandOver,
    ExchangeMessage.ReportCounts, ExchangeMessage.AttestStage {

  /** The exchange the message belongs to, as its arrangement named it. */
  String exchange();

  /** The message type in the agreement's terms. */
  String type();

  /** A Party commits one of its lists. */
  record CommitList(ListCommitment list) implements ExchangeMessage {
    @Override
    public String exchange() {
      return list.exchange();
    }

    @Override
    public String type() {
      return "exchange-list";
    }
  }

  /**
   * A Party declares a list it commits in numbered parts ({@link ListParts}): the count, the
   * list's Merkle root and the root of each part, once; the entries follow in {@link ListPart}s.
   */
  record DeclareList(String exchange, String party, ListKind kind, String category, int count,
      Hash root, List<Hash> parts) implements ExchangeMessage {
    public DeclareList {
      parts = List.copyOf(parts);
    }

    /** The list's identity within the exchange. */
    public ListId id() {
      return new ListId(party, kind, category);
    }

    @Override
    public String type() {
      return "exchange-list";
    }
  }

  /** Part {@code part} (from 1) of a list declared in parts, named by its list and root. */
  record ListPart(String exchange, ListId list, Hash root, int part, List<ListEntry> entries)
      implements ExchangeMessage {
    public ListPart {
      entries = List.copyOf(entries);
    }

    @Override
    public String type() {
      return "exchange-list-part";
    }
  }

  /**
   * A Party blinds the other Party's list with its own key on top, value by value in entry
   * order, so that the list can be compared with its own (doubly blinded) lists: the whole list
   * ({@code part} 0), or one part of it ({@link ListParts}: part {@code i} from 1, the values
   * of that part's entries).
   */
  record Reblind(String exchange, ListId list, Hash root, int part, List<Blinded> values)
      implements ExchangeMessage {
    public Reblind {
      values = List.copyOf(values);
    }

    /** The whole list's values in one message. */
    public Reblind(String exchange, ListId list, Hash root, List<Blinded> values) {
      this(exchange, list, root, 0, values);
    }

    @Override
    public String type() {
      return "exchange-reblind";
    }
  }

  /** The neutral intermediary attests a person's consent to return, or refusal (Art. 109). */
  record AttestConsent(String exchange, ListId list, Hash commitment, Consent decision)
      implements ExchangeMessage {
    @Override
    public String type() {
      return "exchange-consent";
    }
  }

  /** The detaining Party hands over the persons of these held-list entries at a stage. */
  record HandOver(String exchange, int stage, List<Hash> commitments)
      implements ExchangeMessage {
    public HandOver {
      commitments = List.copyOf(commitments);
    }

    @Override
    public String type() {
      return "exchange-handover";
    }
  }

  /** A Party's announced counts for a stage: persons handed and received (either may be null). */
  record ReportCounts(String exchange, int stage, Counts handed, Counts received)
      implements ExchangeMessage {
    @Override
    public String type() {
      return "exchange-counts";
    }
  }

  /** The mediator attests what crossed at a stage: persons from each Party. */
  record AttestStage(String exchange, int stage, Map<String, Counts> crossedFrom)
      implements ExchangeMessage {
    public AttestStage {
      crossedFrom = Map.copyOf(crossedFrom);
    }

    @Override
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

    @JsonValue
    public String label() {
      return label;
    }
  }
}
