package dev.verity.tlog.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serves a {@link Witness} over HTTP with the JDK's built-in server: {@code POST
 * /add-checkpoint} (C2SP tlog-witness). Bodies above the size limit get 413.
 */
public final class WitnessServer implements AutoCloseable {
  /** Default request size limit: a checkpoint with many signatures and 63 proof lines fits. */
  public static final int DEFAULT_MAX_BODY = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final int maxBody;
  private final Witness witness;
  private final AtomicBoolean closed = new AtomicBoolean();

  private WitnessServer(Witness witness, HttpServer server, ExecutorService executor,
      int maxBody) {
    this.witness = witness;
    this.server = server;
    this.executor = executor;
    this.maxBody = maxBody;
  }

  /** Starts serving on {@code address} (port 0: any free port). */
  public static WitnessServer start(Witness witness, InetSocketAddress address)
      throws IOException {
    return start(witness, address, DEFAULT_MAX_BODY);
  }

  /** Starts serving on {@code address}, refusing bodies larger than {@code maxBody} bytes. */
  public static WitnessServer start(Witness witness, InetSocketAddress address, int maxBody)
      throws IOException {
    Objects.requireNonNull(witness, "witness");
    Objects.requireNonNull(address, "address");
    if (maxBody <= 0) {
      throw new IllegalArgumentException("maxBody must be > 0");
    }
    HttpServer http = HttpServer.create(address, 0);
    ExecutorService ex = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "witness-http");
      t.setDaemon(true);
      return t;
    });
    WitnessServer s = new WitnessServer(witness, http, ex, maxBody);
    http.createContext("/add-checkpoint", s::handle);
    http.setExecutor(ex);
    http.start();
    return s;
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:7380/}. */
  public URI url() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + "/");
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestURI().getPath().equals("/add-checkpoint")) {
        send(ex, WitnessResponse.error(404, "not found"));
        return;
      }
      if (!ex.getRequestMethod().equals("POST")) {
        ex.getResponseHeaders().set("Allow", "POST");
        send(ex, WitnessResponse.error(405, "method not allowed"));
        return;
      }
      if (declaredTooLarge(ex.getRequestHeaders().getFirst("Content-Length"))) {
        send(ex, WitnessResponse.error(413, "request body larger than " + maxBody + " bytes"));
        return;
      }
      byte[] body = readLimited(ex.getRequestBody());
      if (body == null) {
        send(ex, WitnessResponse.error(413, "request body larger than " + maxBody + " bytes"));
        return;
      }
      send(ex, witness.addCheckpoint(body));
    } catch (RuntimeException e) {
      send(ex, WitnessResponse.error(500, "internal error"));
    }
  }

  // Refuses early when the client announces a body above the limit (any digits beyond what a
  // long holds are above it too); an absent or odd header is left to the reading limit.
  private boolean declaredTooLarge(String contentLength) {
    if (contentLength == null || contentLength.isEmpty()
        || !contentLength.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    return contentLength.length() > 18 || Long.parseLong(contentLength) > maxBody;
  }

  private byte[] readLimited(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) >= 0) {
      if (out.size() + n > maxBody) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static void send(HttpExchange ex, WitnessResponse r) throws IOException {
    byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", r.contentType());
    ex.sendResponseHeaders(r.status(), b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(b);
      }
    }
  }

  /** Stops accepting requests, lets running ones finish (up to a second), and shuts down. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(1);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
