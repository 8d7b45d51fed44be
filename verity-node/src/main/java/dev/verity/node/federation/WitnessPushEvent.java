package dev.verity.node.federation;

import dev.verity.node.metrics.StagedEvent;
import java.util.List;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One add-checkpoint request handled by this node's {@link WitnessService}, recorded by JDK
 * Flight Recorder as {@value #NAME} when a recording enables it. Its stages, in nanoseconds:
 * <ul>
 *   <li>{@code check}: the request decoded and the checkpoint's signature verified;
 *   <li>{@code queue}: waiting for the peer's mirror (another request of the same peer) and, for
 *       a pipelined request that overtook the one before it, for that one to land (D72);
 *   <li>{@code verify}: the new entries verified against the checkpoint and applied to the
 *       projections (with a fetch from the peer when the push did not carry them);
 *   <li>{@code cosign}: the consistency proof checked and the checkpoint cosigned, in the
 *       transaction;
 *   <li>{@code durable}: the transaction committed (a group commit shared with other writers).
 * </ul>
 * A request refused early has only its first stages. {@code status} is the HTTP status answered.
 */
@Name(WitnessPushEvent.NAME)
@Label("Witness Push")
@Category({"Verity", "Federation"})
@Description("An add-checkpoint request from a peer, verified and cosigned, by stage")
@StackTrace(false)
public final class WitnessPushEvent extends StagedEvent {
  public static final String NAME = NAMESPACE + "WitnessPush";
  /** The stage fields, in the order a request goes through them. */
  public static final List<String> STAGES =
      List.of("check", "queue", "verify", "cosign", "durable");

  /** The peer's log's origin (its checkpoints' first line): which agreement's log. */
  @Label("Log") String log;
  @Label("Publisher") String publisher;
  @Label("Old Size") long oldSize;
  @Label("Size") long size;
  @Label("Entries Pushed") int pushed;
  @Label("Status") int status;
  @Label("Check") @Timespan long check;
  @Label("Queue") @Timespan long queue;
  @Label("Verify") @Timespan long verify;
  @Label("Cosign") @Timespan long cosign;
  @Label("Durable") @Timespan long durable;

  WitnessPushEvent(String log, String publisher) {
    this.log = log;
    this.publisher = publisher;
  }
}
