package dev.verity.node.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver for tests: the JDK's HTTP server on 127.0.0.1 and a port it picks, recording
 * each request and answering with the statuses queued (then 200). A queued status of -1 makes it
 * wait {@code stallMillis} before answering, for timeout tests.
 */
public final class WebhookReceiver implements AutoCloseable {
  public record Request(
      String method, String path, String query, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  public final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private final HttpServer server;
  volatile long stallMillis = 3000;

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  synchronized WebhookReceiver answer(Integer... s) {
    statuses.addAll(List.of(s));
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange x) throws IOException {
    String body;
    try (InputStream in = x.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    requests.add(
        new Request(
            x.getRequestMethod(),
            x.getRequestURI().getRawPath(),
            x.getRequestURI().getRawQuery(),
            Map.copyOf(x.getRequestHeaders()),
            body));
    int status;
    synchronized (this) {
      status = statuses.isEmpty() ? 200 : statuses.poll();
    }
    if (status == -1) {
      try {
        Thread.sleep(stallMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      status = 200;
    }
    x.sendResponseHeaders(status, -1);
    x.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
