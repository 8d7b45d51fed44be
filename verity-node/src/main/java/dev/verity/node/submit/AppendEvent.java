package dev.verity.node.submit;

import dev.verity.node.metrics.StagedEvent;
import java.util.List;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One message submitted to this node's {@link Submitter}, recorded by JDK Flight Recorder as
 * {@value #NAME} when a recording enables it (D95): the first part of every receipt's time. Its
 * stages, in nanoseconds:
 * <ul>
 *   <li>{@code request}: the request's own checks and its digest;
 *   <li>{@code lock}: waiting for the submissions before it (one at a time, in log order);
 *   <li>{@code check}: a retry looked up, the message validated against the agreement and the
 *       projections, its entries encoded and handed to the log's sequencer;
 *   <li>{@code durable}: until the log's group commit made the entries durable.
 * </ul>
 * {@code outcome}: {@code appended}, {@code same} (a retry, answered with the original entry),
 * {@code refused} (a reason given to the client) or {@code failed} (the log did not take it).
 */
@Name(AppendEvent.NAME)
@Label("Append")
@Category({"Verity", "Log"})
@Description("A message submitted and made durable in the own log, by stage")
@StackTrace(false)
public final class AppendEvent extends StagedEvent {
  public static final String NAME = NAMESPACE + "Append";
  /** The stage fields, in the order a submission goes through them. */
  public static final List<String> STAGES = List.of("request", "lock", "check", "durable");

  @Label("Agreement") String agreement;
  @Label("Index") long index = -1;
  @Label("Entries") int entries;
  @Label("Outcome") String outcome = "failed";
  @Label("Request") @Timespan long request;
  @Label("Lock") @Timespan long lock;
  @Label("Check") @Timespan long check;
  @Label("Durable") @Timespan long durable;

  AppendEvent(String agreement) {
    this.agreement = agreement;
  }
}
