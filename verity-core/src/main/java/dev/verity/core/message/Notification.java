package dev.verity.core.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A notification of a type from the agreement's message catalogue.
 *
 * @param number the sender's sequence number (per Party, from 1, without gaps)
 * @param eventTime when the event it reports happens or happened
 * @param receivedAt when the other Parties received it (the date of provision)
 * @param item the unique identifier the notification is about
 * @param newItem for an {@code add} effect: the item that becomes subject to the agreement
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(
    long number,
    String party,
    String type,
    String item,
    Instant eventTime,
    Instant receivedAt,
    String facility,
    String launcher,
    Integer warheads,
    Item newItem) {

  public Notification withReceivedAt(Instant t) {
    return new Notification(number, party, type, item, eventTime, t, facility, launcher, warheads, newItem);
  }

  /** Short label for error messages. */
  public String label() {
    return "notification " + party + " #" + number + " (" + type + ", " + eventTime + ")";
  }
}
