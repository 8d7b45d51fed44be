package dev.verity.core.commission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.verity.core.message.EntryRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The body of a commission entry (Bilateral Consultative Commission, New START Part Six). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CommissionMessage.SessionConvened.class, name = "commission-session"),
    @JsonSubTypes.Type(value = CommissionMessage.AgendaItemAdded.class, name = "commission-agenda-item"),
    @JsonSubTypes.Type(value = CommissionMessage.DecisionProposed.class, name = "commission-decision"),
    @JsonSubTypes.Type(value = CommissionMessage.DecisionSigned.class, name = "commission-decision-signed"),
    @JsonSubTypes.Type(value = CommissionMessage.ItemClosed.class, name = "commission-item-closed")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface CommissionMessage {

  /** A session of the commission, by id, on a date at a place. */
  record SessionConvened(String session, LocalDate date, String place) implements CommissionMessage {}

  /** An agenda item of a session, linked to the log entries it concerns (e.g. an ambiguity and its findings). */
  record AgendaItemAdded(String session, String item, String title, List<EntryRef> concerning) implements CommissionMessage {
    public List<EntryRef> concerning() {
      return concerning == null ? List.of() : concerning;
    }
  }

  /**
   * A decision proposed in a session: its text and the amendments to the agreement's data it makes
   * from {@code effectiveFrom}; adopted once every bound Party signed it. {@code item} (optional)
   * is the agenda item it resolves.
   */
  record DecisionProposed(String decision, String session, String item, String text, Instant effectiveFrom, List<Amendment> amendments)
      implements CommissionMessage {
    public List<Amendment> amendments() {
      return amendments == null ? List.of() : amendments;
    }
  }

  /** The sending Party signs a proposed decision. */
  record DecisionSigned(String decision) implements CommissionMessage {}

  /** An agenda item closed without a decision changing the agreement (e.g. an ambiguity resolved). */
  record ItemClosed(String item, String resolution) implements CommissionMessage {}
}
