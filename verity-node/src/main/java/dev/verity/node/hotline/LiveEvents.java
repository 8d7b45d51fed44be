package dev.verity.node.hotline;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.verity.node.json.CanonicalJson;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

/**
 * The dashboard's live inbox: server-sent events (the WHATWG HTML standard, "Server-sent
 * events") on {@code GET /api/v1/events}, authenticated like every API call. Each event {@code
 * line} carries the military line's board as {@code GET /api/v1/hotline} answers it; a comment
 * keeps an idle stream inside the API's idle timeout. At most {@link #MAX_CLIENTS} streams are
 * open at once: every stream holds a connection.
 */
final class LiveEvents implements AutoCloseable {
  static final int MAX_CLIENTS = 32;
  private final Set<SseClient> clients = new CopyOnWriteArraySet<>();

  /** A new stream: refused beyond the cap, else sent {@code first} at once and kept open. */
  void open(SseClient c, Supplier<String> first) {
    if (clients.size() >= MAX_CLIENTS) {
      c.sendEvent("refused", "{\"error\": \"too many event streams open (at most "
          + MAX_CLIENTS + ")\"}");
      c.close();
      return;
    }
    clients.add(c);
    c.onClose(() -> clients.remove(c));
    c.sendEvent("line", first.get());
    c.keepAlive();
  }

  int size() {
    return clients.size();
  }

  void send(String event, String data) {
    for (SseClient c : List.copyOf(clients)) {
      if (c.terminated()) {
        clients.remove(c);
      } else {
        c.sendEvent(event, data);
      }
    }
  }

  void keepAlive() {
    for (SseClient c : List.copyOf(clients)) {
      if (!c.terminated()) {
        c.sendComment("keep-alive");
      }
    }
  }

  /** JSON text of {@code v}, as the API writes it. */
  static String json(Object v) {
    try {
      return CanonicalJson.mapper().writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the board is plain data", e);
    }
  }

  @Override
  public void close() {
    for (SseClient c : List.copyOf(clients)) {
      c.close();
    }
    clients.clear();
  }
}
