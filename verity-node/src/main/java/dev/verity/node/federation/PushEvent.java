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
 * One add-checkpoint request of a {@link Publisher} to a peer's witness, recorded by JDK Flight
 * Recorder as {@value #NAME} when a recording enables it ({@code java
 * -XX:StartFlightRecording ...}, {@code verity bench federation --stages}). Its stages, in
 * nanoseconds, add up to about its duration:
 * <ul>
 *   <li>{@code read}: the entries read from the log, each checked against the checkpoint, and
 *       the consistency proof;
 *   <li>{@code exchange}: the request sent and its answer read (the network, both TLS ends and
 *       the witness's whole work: {@link WitnessPushEvent});
 *   <li>{@code receipt}: the cosignature checked against the pinned key and stored durably.
 * </ul>
 * {@code log} is the own log's origin, {@code witness} the peer's Party, {@code status} the
 * witness's HTTP status (0 when no answer came).
 */
@Name(PushEvent.NAME)
@Label("Push")
@Category({"Verity", "Federation"})
@Description("An add-checkpoint request to a peer's witness, with its entries, by stage")
@StackTrace(false)
public final class PushEvent extends StagedEvent {
  public static final String NAME = NAMESPACE + "Push";
  /** The stage fields, in the order a push goes through them. */
  public static final List<String> STAGES = List.of("read", "exchange", "receipt");

  /** The own log's origin (its checkpoints' first line): which agreement's log. */
  @Label("Log") String log;
  @Label("Witness") String witness;
  @Label("Old Size") long oldSize;
  @Label("Size") long size;
  @Label("Entries Pushed") int pushed;
  @Label("Status") int status;
  @Label("Read") @Timespan long read;
  @Label("Exchange") @Timespan long exchange;
  @Label("Receipt") @Timespan long receipt;

  PushEvent(String log, String witness, long oldSize, long size) {
    this.log = log;
    this.witness = witness;
    this.oldSize = oldSize;
    this.size = size;
  }
}
