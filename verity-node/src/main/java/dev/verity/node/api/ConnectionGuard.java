package dev.verity.node.api;

import dev.verity.node.config.ConnectionLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Closes connections that hold a server without using it, the "slowloris" attack (a client trickles
 * bytes just fast enough to beat the idle timeout and never finishes a request), which Jetty's idle
 * timeout does not catch on its own: a TLS connection whose handshake is not done within {@code
 * handshakeSeconds} is closed (on the peer port, the handshake is where a client shows a pinned
 * key, so every unauthenticated connection ends there), and so is an HTTP connection still
 * receiving a request (its headers or its body) {@code requestSeconds} after its first byte, at
 * less than {@code minBytesPerSecond} since then. With {@code perAddress} &gt; 0 it also refuses
 * more than that many connections from one address. A sweep runs every {@link #SWEEP_MS}, so a
 * connection lives at most that much past its limit. Added to a connector as a bean: Jetty hands
 * every connection it opens to its listeners.
 *
 * <p>Only the client's own slowness counts (D92). A request's clock starts at the first byte seen
 * after the request before it, not at that request's headers: a body the handler reads late, on
 * a busy node, arrives all at once. A connection on which no byte came since the last sweep is
 * not judged: it is idle (Jetty's idle timeout closes it) or waiting for this node's answer,
 * which is not the client's doing. Jetty's own minimum request rate is not used for the same
 * reason: it counts from the first chunk the handler read, so a handler thread descheduled
 * between two reads of a small body failed the request with 408 (hundreds of pushes in a run of
 * 57 nodes on two cores, each one the witness then had to take again).
 */
final class ConnectionGuard extends AbstractLifeCycle
    implements Connection.Listener, SslHandshakeListener {
  static final long SWEEP_MS = 250;

  /** No byte has come since the connection's last request began. */
  private static final long QUIET = Long.MIN_VALUE;

  /** What the sweep knows of one open connection. */
  private static final class Tracked {
    final long openedAt;
    volatile boolean handshaken;
    long messages;
    long bytesAtMessage;
    long bytesAtSweep;
    long arrivingSince = QUIET;

    Tracked(long now) {
      openedAt = now;
    }
  }

  private final ConnectionLimits limits;
  private final int perAddress;
  private final Map<Connection, Tracked> open = new ConcurrentHashMap<>();
  private final Map<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

  /** The address each counted connection came from (a closed endpoint no longer says). */
  private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();

  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "verity-connection-guard");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param perAddress the most connections from one address, 0 for no cap
   */
  ConnectionGuard(ConnectionLimits limits, int perAddress) {
    this.limits = limits;
    this.perAddress = perAddress;
  }

  @Override
  protected void doStart() {
    sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() {
    sweeper.shutdownNow();
  }

  @Override
  public void onOpened(Connection c) {
    open.put(c, new Tracked(System.nanoTime()));
    // a TLS connection opens twice: the network one (SslConnection), then HTTP over the decrypted
    // one
    boolean network = !(c.getEndPoint() instanceof SslConnection.SslEndPoint);
    SocketAddress a = c.getEndPoint().getRemoteSocketAddress();
    if (network && perAddress > 0 && a instanceof InetSocketAddress ia && ia.getAddress() != null) {
      counted.put(c, ia.getAddress());
      if (count(ia.getAddress(), 1) > perAddress) {
        c.getEndPoint().close();
      }
    }
  }

  @Override
  public void onClosed(Connection c) {
    open.remove(c);
    InetAddress a = counted.remove(c);
    if (a != null) {
      count(a, -1);
    }
  }

  /** Adds {@code delta} to the connections from {@code a}; returns how many there are now. */
  private int count(InetAddress a, int delta) {
    Integer now =
        byAddress.compute(
            a,
            (k, n) -> n == null ? (delta > 0 ? delta : null) : n + delta <= 0 ? null : n + delta);
    return now == null ? 0 : now;
  }

  @Override
  public void handshakeSucceeded(Event event) {
    for (var e : open.entrySet()) {
      if (e.getKey() instanceof SslConnection s && s.getSSLEngine() == event.getSSLEngine()) {
        e.getValue().handshaken = true;
      }
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    for (var e : open.entrySet()) {
      if (overdue(e.getKey(), e.getValue(), now)) {
        e.getKey().getEndPoint().close();
      }
    }
  }

  private boolean overdue(Connection c, Tracked t, long now) {
    if (c instanceof SslConnection) {
      return !t.handshaken
          && now - t.openedAt > TimeUnit.SECONDS.toNanos(limits.handshakeSeconds());
    }
    long messages = c.getMessagesIn();
    long bytes = c.getBytesIn();
    if (messages != t.messages) {
      t.messages = messages;
      t.bytesAtMessage = bytes;
      t.bytesAtSweep = bytes;
      t.arrivingSince = QUIET;
      return false;
    }
    boolean arriving = bytes != t.bytesAtSweep;
    t.bytesAtSweep = bytes;
    if (!arriving) {
      return false; // idle, or waiting for this node's answer: not the client's slowness
    }
    if (t.arrivingSince == QUIET) {
      t.arrivingSince = now;
      return false;
    }
    return tooSlow(bytes - t.bytesAtMessage, (now - t.arrivingSince) / 1e9);
  }

  /** Still arriving after {@code requestSeconds}, and slower than the minimum rate overall. */
  private boolean tooSlow(long bytes, double seconds) {
    return seconds > limits.requestSeconds() && bytes < limits.minBytesPerSecond() * seconds;
  }
}
