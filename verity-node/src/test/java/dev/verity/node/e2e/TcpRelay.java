package dev.verity.node.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A TCP relay on 127.0.0.1 to cut a link in tests: {@link #cut()} drops every connection and stops listening. */
final class TcpRelay implements AutoCloseable {
  private final int port;
  private final int target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong relayed = new AtomicLong();
  private volatile ServerSocket server;

  TcpRelay(int port, int target) throws IOException {
    this.port = port;
    this.target = target;
    restore();
  }

  int port() {
    return port;
  }

  /** How many bytes went through so far, both ways. */
  long relayed() {
    return relayed.get();
  }

  /** Listens again on the same port. */
  synchronized void restore() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = s;
    Thread t = new Thread(() -> accept(s), "relay-" + port);
    t.setDaemon(true);
    t.start();
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket in = s.accept();
        Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
        synchronized (this) {
          if (s.isClosed()) { // cut() ran while this connection was being set up: drop it
            closeQuietly(in);
            closeQuietly(out);
            continue;
          }
          sockets.add(in);
          sockets.add(out);
        }
        pipe(in, out);
        pipe(out, in);
      } catch (IOException e) {
        // closed by cut(), or the target is down: the client sees a dropped connection
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
        byte[] buf = new byte[8192];
        for (int n = i.read(buf); n >= 0; n = i.read(buf)) {
          o.write(buf, 0, n);
          relayed.addAndGet(n);
        }
      } catch (IOException e) {
        // link closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "relay-pipe");
    t.setDaemon(true);
    t.start();
  }

  /** Drops every connection and stops listening: the link is down. */
  synchronized void cut() {
    closeQuietly(server);
    sockets.forEach(TcpRelay::closeQuietly);
    sockets.clear();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (Exception e) {
      // already closed
    }
  }

  @Override
  public void close() {
    cut();
  }
}
