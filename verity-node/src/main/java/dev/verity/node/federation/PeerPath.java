package dev.verity.node.federation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.verity.node.config.PeerConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Which way this node reaches one peer's port (issue 14, "a backup path"; decision "The backup
 * path: when to switch"): the peer's {@code url}, or its {@code backupUrl} once the first has
 * been unreachable for the peer's {@code switchAfter}. Every request to the peer (pushes, polls,
 * fetches) reports here whether it got an answer; any HTTP answer counts as reachable, only a
 * failed connection or exchange does not. The rule:
 *
 * <ul>
 *   <li>on the primary, failures for longer than the limit switch to the backup, or, without one,
 *       declare the line down;
 *   <li>on the backup, the primary is tried again once per limit; its first answer switches back;
 *   <li>on the backup, failures for longer than the limit declare the line down (both ways gone);
 *   <li>any answer after that says the line is up again.
 * </ul>
 *
 * <p>Time is measured on the monotonic clock (network time, not the node's possibly exercise
 * clock); each change is stamped with the node's clock and told to the listener (the node logs
 * and audits it) and kept, the last {@value #KEPT}, for the line-status page.
 */
public final class PeerPath {
  static final int KEPT = 50;

  /** What changed. */
  public enum Change {
    SWITCHED_TO_BACKUP,
    SWITCHED_TO_PRIMARY,
    LINE_DOWN,
    LINE_UP;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** One change, when the node's clock said it happened, and the URL used from then on. */
  public record Switch(String party, Change change, Instant at, String url) {}

  /** The way to the peer as of now, for the line-status page. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Status(String party, String path, String url, String backupUrl,
      boolean reachable, Instant unreachableSince, long switchAfterSeconds,
      List<Switch> switches) {}

  /** One request's way: the base URI and whether it is the primary. */
  record Choice(URI base, boolean primary) {}

  private final String party;
  /** The URLs as configured (shown), and the agreement's paths under them (requested). */
  private final String primaryUrl;
  private final String backupUrl;
  private final URI primary;
  private final URI backup;
  private final long limitNanos;
  private final LongSupplier nanos;
  private final Clock clock;
  private final Consumer<Switch> listener;
  private final Deque<Switch> switches = new ArrayDeque<>();
  // guarded by this
  private boolean onBackup;
  private boolean down;
  private long primaryFailingSince = -1;
  private long backupFailingSince = -1;
  private long lastPrimaryTry;
  private Instant unreachableSince;

  /**
   * The ways to {@code peer} in {@code agreement}'s paths; {@code listener} hears each change
   * (on the requesting thread); {@code nanos} the monotonic clock, {@code clock} the node's.
   */
  public PeerPath(PeerConfig peer, Clock clock, LongSupplier nanos, Consumer<Switch> listener) {
    this.party = peer.party();
    this.primaryUrl = peer.url();
    this.backupUrl = peer.backupUrl();
    String agreement = peer.identity().agreement() + "/";
    this.primary = root(peer.url()).resolve(agreement);
    this.backup = peer.backupUrl() == null ? null : root(peer.backupUrl()).resolve(agreement);
    this.limitNanos = peer.switchAfter().toNanos();
    this.nanos = nanos;
    this.clock = clock;
    this.listener = listener;
    this.lastPrimaryTry = nanos.getAsLong();
  }

  /** A path with no listener, on the real clocks. */
  public PeerPath(PeerConfig peer) {
    this(peer, Clock.systemUTC(), System::nanoTime, s -> { });
  }

  private static URI root(String url) {
    return URI.create(url.endsWith("/") ? url : url + "/");
  }

  /** The way the next request takes: the backup, except when the primary is due a try. */
  synchronized Choice choose() {
    if (onBackup && nanos.getAsLong() - lastPrimaryTry < limitNanos) {
      return new Choice(backup, false);
    }
    return new Choice(primary, true);
  }

  /** The request by {@code c} was answered. */
  void answered(Choice c) {
    Switch s1 = null;
    Switch s2 = null;
    synchronized (this) {
      if (c.primary()) {
        primaryFailingSince = -1;
        lastPrimaryTry = nanos.getAsLong();
        if (onBackup) {
          onBackup = false;
          s1 = record(Change.SWITCHED_TO_PRIMARY, primaryUrl);
        }
      } else {
        backupFailingSince = -1;
      }
      unreachableSince = null;
      if (down) {
        down = false;
        s2 = record(Change.LINE_UP, c.primary() ? primaryUrl : backupUrl);
      }
    }
    tell(s1);
    tell(s2);
  }

  /** The request by {@code c} got no answer. */
  void failed(Choice c) {
    Switch s = null;
    synchronized (this) {
      long now = nanos.getAsLong();
      if (unreachableSince == null) {
        unreachableSince = clock.instant();
      }
      if (c.primary()) {
        lastPrimaryTry = now;
        primaryFailingSince = primaryFailingSince < 0 ? now : primaryFailingSince;
        if (!onBackup && now - primaryFailingSince >= limitNanos) {
          if (backup != null) {
            onBackup = true;
            backupFailingSince = -1;
            s = record(Change.SWITCHED_TO_BACKUP, backupUrl);
          } else if (!down) {
            down = true;
            s = record(Change.LINE_DOWN, primaryUrl);
          }
        }
      } else {
        backupFailingSince = backupFailingSince < 0 ? now : backupFailingSince;
        if (!down && now - backupFailingSince >= limitNanos) {
          down = true;
          s = record(Change.LINE_DOWN, backupUrl);
        }
      }
    }
    tell(s);
  }

  private Switch record(Change change, String url) {
    Switch s = new Switch(party, change, clock.instant(), url);
    switches.addLast(s);
    while (switches.size() > KEPT) {
      switches.removeFirst();
    }
    return s;
  }

  private void tell(Switch s) {
    if (s != null) {
      listener.accept(s);
    }
  }

  /** Whether the line is down: no way to the peer answered for longer than the limit. */
  public synchronized boolean down() {
    return down;
  }

  /** The way as of now. */
  public synchronized Status status() {
    boolean answering = primaryFailingSince < 0 && !onBackup
        || onBackup && backupFailingSince < 0;
    return new Status(party, onBackup ? "backup" : "primary", onBackup ? backupUrl : primaryUrl,
        backupUrl,
        !down, answering ? null : unreachableSince, limitNanos / 1_000_000_000L,
        List.copyOf(switches));
  }
}
