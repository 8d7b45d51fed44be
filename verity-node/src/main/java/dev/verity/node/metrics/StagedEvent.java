package dev.verity.node.metrics;

import jdk.jfr.Event;

/**
 * A JDK Flight Recorder event timed in stages: each {@link #lap} is the time since the last one.
 * When the event is not being recorded it reads no clock, so an unrecorded push or append pays
 * for one allocation and a few branches (JFR's own "disabled" path, JEP 328). The events of a
 * receipt's path extend it, one per stage of the path: the sender's append, its push, and the
 * witness's side of the push (D95).
 */
public abstract class StagedEvent extends Event {
  /**
   * The namespace of every Verity event's name, as {@code jdk.} is the JDK's (a product's name,
   * not a Java package); their category is "Verity", so {@code jfr print --categories Verity}
   * selects them all.
   */
  public static final String NAMESPACE = "verity.";

  private transient boolean on;
  private transient long mark;

  /** Starts the event's clock and its first stage. */
  public final void start() {
    begin();
    on = isEnabled();
    if (on) {
      mark = System.nanoTime();
    }
  }

  /** Nanoseconds since the previous mark (0 when not recorded); the next stage starts now. */
  public final long lap() {
    if (!on) {
      return 0;
    }
    long now = System.nanoTime();
    long stage = now - mark;
    mark = now;
    return stage;
  }

  /**
   * Ends the event and writes it if it is recorded and above its threshold. One started before
   * a recording began (a push in flight at {@code jcmd JFR.start}) is not written: its stages
   * were never timed, and would read as zero.
   */
  public final void finish() {
    end();
    if (on && shouldCommit()) {
      commit();
    }
  }
}
