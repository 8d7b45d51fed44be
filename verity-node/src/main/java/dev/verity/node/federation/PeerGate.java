package dev.verity.node.federation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How much of this node's work one pinned peer may ask for: a token bucket of {@link #BURST}
 * requests refilled at {@link #PER_SECOND} a second (far above what an honest publisher sends: one
 * request in flight, one round trip each), and a backoff for a peer that keeps misbehaving: after
 * {@link #STRIKES} requests in a row that raised an alarm, the peer's requests are refused without
 * being looked at for a time that doubles with each further strike (1 s up to {@link
 * #MAX_BACKOFF_MS}); one request that raises none ends it. Refusals are answered 429 with {@code
 * Retry-After}.
 */
final class PeerGate {
  static final int BURST = 1000;
  static final int PER_SECOND = 500;
  static final int STRIKES = 10;
  static final long MAX_BACKOFF_MS = 60_000;

  private static final class State {
    double tokens = BURST;
    long refilledAt;
    int strikes;
    long blockedUntil;
  }

  private final Map<String, State> peers = new ConcurrentHashMap<>();
  private final LongSupplier millis;

  PeerGate(LongSupplier millis) {
    this.millis = millis;
  }

  /** Milliseconds {@code peer} must wait before this request is looked at; 0 if it may go on. */
  long admit(String peer) {
    State s = peers.computeIfAbsent(peer, p -> new State());
    long now = millis.getAsLong();
    synchronized (s) {
      if (now < s.blockedUntil) {
        return s.blockedUntil - now;
      }
      s.tokens = Math.min(BURST, s.tokens + (now - s.refilledAt) * PER_SECOND / 1000.0);
      s.refilledAt = now;
      if (s.tokens < 1) {
        return (long) Math.ceil((1 - s.tokens) * 1000 / PER_SECOND);
      }
      s.tokens--;
      return 0;
    }
  }

  /** The request raised an alarm ({@code true}) or not. */
  void outcome(String peer, boolean misbehaved) {
    State s = peers.computeIfAbsent(peer, p -> new State());
    synchronized (s) {
      if (!misbehaved) {
        s.strikes = 0;
        return;
      }
      s.strikes++;
      if (s.strikes >= STRIKES) {
        int over = Math.min(20, s.strikes - STRIKES);
        s.blockedUntil = millis.getAsLong() + Math.min(MAX_BACKOFF_MS, 1000L << over);
      }
    }
  }
}
