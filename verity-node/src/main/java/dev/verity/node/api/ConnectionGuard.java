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
 * timeout and minimum data rate do not catch on their own: a TLS connection whose handshake is not
 * done within {@code handshakeSeconds} is closed (on the peer port, the handshake is where a client
 * shows a pinned key, so every unauthenticated connection ends there), and so is an HTTP connection
 * that has been sending a request for {@code requestSeconds} at less than {@code minBytesPerSecond}
 * (its headers, which Jetty's minimum data rate does not cover). With {@code perAddress} &gt; 0 it
 * also refuses more than that many connections from one address. A sweep runs every {@link
 * #SWEEP_MS}, so a connection lives at most that much past its limit. Added to a connector as a
 * bean: Jetty hands every connection it opens to its listeners.
 */
final class ConnectionGuard extends AbstractLifeCycle
    implements Connection.Listener, SslHandshakeListener {
  static final long SWEEP_MS = 250;

  /** What the sweep knows of one open connection. */
  private static final class Tracked {
    final long openedAt;
    volatile boolean handshaken;
    long messages;
    long bytesAtMessage;
    long progressAt;

    Tracked(long now) {
      openedAt = now;
      progressAt = now;
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
      t.progressAt = now;
      return false;
    }
    // bytes came in since the last request began, slower than the minimum rate, for too long
    double seconds = (now - t.progressAt) / 1e9;
    return bytes != t.bytesAtMessage
        && seconds > limits.requestSeconds()
        && bytes - t.bytesAtMessage < limits.minBytesPerSecond() * seconds;
  }
}
