package dev.verity.node.federation;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last error of each peer in one agreement, as every {@link PeerClient} exchange ends: a
 * failure replaces the peer's last error, a success marks it past ({@link Last#ongoing} false)
 * but keeps it, so that an operator who looks later still sees what happened and when. Kept in
 * memory: it describes this process's connections, and a restart tries afresh.
 */
public final class PeerErrors {
  /** A peer's last error, and whether no exchange has succeeded since. */
  public record Last(PeerError error, boolean ongoing) {}

  private final Clock clock;
  private final Map<String, Last> last = new ConcurrentHashMap<>();

  public PeerErrors(Clock clock) {
    this.clock = clock;
  }

  /** The exchange with {@code peer} failed with {@code e}. */
  public void failed(String peer, IOException e) {
    last.put(peer, new Last(PeerError.of(e, clock.instant()), true));
  }

  /** {@code peer} answered with HTTP error {@code status}. */
  public void http(String peer, int status, String body) {
    last.put(peer, new Last(PeerError.http(status, body, clock.instant()), true));
  }

  /** {@code peer} answered, but not with what it should have. */
  public void badAnswer(String peer, String detail) {
    last.put(peer, new Last(PeerError.badAnswer(detail, clock.instant()), true));
  }

  /** An exchange with {@code peer} succeeded. */
  public void ok(String peer) {
    last.computeIfPresent(peer, (p, l) -> l.ongoing() ? new Last(l.error(), false) : l);
  }

  /** {@code peer}'s last error, if it had one since this node started. */
  public Optional<Last> last(String peer) {
    return Optional.ofNullable(last.get(peer));
  }

  /** Forgets {@code peer} (it is no longer pinned). */
  public void forget(String peer) {
    last.remove(peer);
  }
}
