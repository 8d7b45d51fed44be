package dev.verity.core.talks;

/**
 * What a step of the talks asks. Who sent it and when are the {@link Step}'s. Each carries what
 * the entry carries: a report to a capital is a hash only.
 */
public sealed interface Action {

  /** The mediator or the host announces a round. */
  record AnnounceRound(Round round) implements Action {}

  /** A delegation declares its roster from now on. */
  record SetRoster(DelegationRoster roster) implements Action {}

  /** Opens a track (working group) in a round. */
  record OpenTrack(int round, Track track) implements Action {}

  record AddAgendaItem(AgendaItem item) implements Action {}

  /** Records a session that was held. */
  record HoldSession(Session session) implements Action {}

  /** Submits a new version of a text. */
  record SubmitText(TextSubmission submission) implements Action {}

  /** Initials the version of a text whose hash it names. */
  record Initial(String text, String hash) implements Action {}

  /** Signs the version of a text whose hash it names. */
  record Sign(String text, String hash) implements Action {}

  record AssignActionItem(ActionItem item) implements Action {}

  /** The owner reports an action item done. */
  record CompleteActionItem(String item, String note) implements Action {}

  /** A delegation anchors its report to its capital: a hash, never the content. */
  record AnchorCapitalReport(int round, String hash) implements Action {}

  record RecordOutput(RoundOutput output) implements Action {}
}
