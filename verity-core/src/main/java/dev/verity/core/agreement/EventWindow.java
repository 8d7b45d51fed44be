package dev.verity.core.agreement;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * How far from the sender's clock a notification's event time may lie: a sanity window that
 * catches a mistyped year before it enters an append-only log. An advance notice may look ahead
 * up to {@code advanceNoticeDays} (a bomber exercise is notified 14 days ahead under the 1989
 * agreement; a month ahead is normal, a year is the outer bound); a report of a change that
 * happened may be dated at most {@code reportAheadHours} ahead (clocks and time zones). No event
 * may be dated before the agreement entered into force. A report may be late: lateness is an
 * obligation judged by the date of receipt, never a refusal.
 */
public record EventWindow(Integer advanceNoticeDays, Integer reportAheadHours) {
  /** The window when an agreement file says nothing. */
  public static final EventWindow DEFAULT = new EventWindow(366, 24);

  public int advanceNoticeDaysOrDefault() {
    return advanceNoticeDays == null ? DEFAULT.advanceNoticeDays : advanceNoticeDays;
  }

  public int reportAheadHoursOrDefault() {
    return reportAheadHours == null ? DEFAULT.reportAheadHours : reportAheadHours;
  }

  /**
   * Why {@code event} lies outside the window for a message of {@code type}, as seen at
   * {@code now}; null when it is inside.
   */
  public String problem(Agreement agreement, MessageType type, Instant event, Instant now) {
    Instant inForce = agreement.entryIntoForce().atStartOfDay().toInstant(ZoneOffset.UTC);
    if (event.isBefore(inForce)) {
      return event
          + " is before "
          + agreement.id()
          + " entered into force ("
          + agreement.entryIntoForce()
          + ")";
    }
    boolean notice = type.deadline() != null && type.deadline().beforeEventHours() != null;
    Duration ahead =
        notice
            ? Duration.ofDays(advanceNoticeDaysOrDefault())
            : Duration.ofHours(reportAheadHoursOrDefault());
    if (event.isAfter(now.plus(ahead))) {
      return notice
          ? event
              + " is more than "
              + advanceNoticeDaysOrDefault()
              + " days ahead of "
              + now
              + ": an advance notice may look at most that far ahead"
              + " (eventWindow.advanceNoticeDays)"
          : event
              + " is in the future (now "
              + now
              + "): a "
              + type.id()
              + " reports what"
              + " happened, at most "
              + reportAheadHoursOrDefault()
              + " hours ahead"
              + " (eventWindow.reportAheadHours)";
    }
    return null;
  }
}
