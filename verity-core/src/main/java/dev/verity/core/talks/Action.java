package dev.verity.core.talks;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a step of the talks asks: the typed fields of one message type of the agreement
 * ({@code talks-round}, {@code talks-sign}...), bound from the step by its type name. Who sent it
 * and when are the step's. A report to a capital is a hash only.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Round.class, name = "talks-round"),
    @JsonSubTypes.Type(value = DelegationRoster.class, name = "talks-roster"),
    @JsonSubTypes.Type(value = Action.OpenTrack.class, name = "talks-track"),
    @JsonSubTypes.Type(value = AgendaItem.class, name = "talks-agenda-item"),
    @JsonSubTypes.Type(value = Session.class, name = "talks-session"),
    @JsonSubTypes.Type(value = TextSubmission.class, name = "talks-text"),
    @JsonSubTypes.Type(value = Action.Initial.class, name = "talks-initial"),
    @JsonSubTypes.Type(value = Action.Sign.class, name = "talks-sign"),
    @JsonSubTypes.Type(value = ActionItem.class, name = "talks-action-item"),
    @JsonSubTypes.Type(value = Action.CompleteActionItem.class, name = "talks-action-item-done"),
    @JsonSubTypes.Type(value = Action.AnchorCapitalReport.class, name = "talks-capital-report"),
    @JsonSubTypes.Type(value = RoundOutput.class, name = "talks-output")})
public sealed interface Action
    permits Round, DelegationRoster, Action.OpenTrack, AgendaItem, Session, TextSubmission,
        Action.Initial, Action.Sign, ActionItem, Action.CompleteActionItem,
        Action.AnchorCapitalReport, RoundOutput {

  /** Opens a track (working group) in a round. */
  record OpenTrack(int round, Track track) implements Action {}

  /** Initials the version of a text whose hash it names. */
  record Initial(String text, String hash) implements Action {}

  /** Signs the version of a text whose hash it names. */
  record Sign(String text, String hash) implements Action {}

  /** The owner reports an action item done. */
  record CompleteActionItem(String item, String note) implements Action {}

  /** A delegation anchors its report to its capital: a hash, never the content. */
  record AnchorCapitalReport(int round, String hash) implements Action {}
}
