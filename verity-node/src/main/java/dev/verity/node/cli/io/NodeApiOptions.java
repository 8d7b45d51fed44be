package dev.verity.node.cli.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.json.CanonicalJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --node URL --token T}: a command works through a running node's API instead of files
 * (docs/user/node.md); the one HTTP client every such command uses. The token may come from
 * {@code VERITY_TOKEN} instead, which keeps it out of the process list. A node that cannot be
 * reached is a {@link NodeUnreachableException} (an I/O error, exit 74) naming the URL.
 */
public final class NodeApiOptions {
  @Option(
      names = "--node",
      paramLabel = "URL",
      description = "A running node's API, e.g. http://127.0.0.1:7380/ (instead of files).")
  URI node;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "API token for --node (default: $VERITY_TOKEN).")
  String token;

  /** A node's answer: the HTTP status and the JSON body (null node when empty or not JSON). */
  public record Answer(int status, JsonNode body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The error the node gave, with its field when it named one ("message.eventTime: ..."). */
    public String error() {
      String field = body.path("field").isTextual() ? body.path("field").asText() + ": " : "";
      return field + body.path("error").asText("(no message)");
    }
  }

  public boolean present() {
    return node != null;
  }

  public URI node() {
    return node;
  }

  /** The token from {@code --token} or {@code VERITY_TOKEN}; null when neither is given. */
  public String token() {
    String t = token != null ? token : System.getenv("VERITY_TOKEN");
    return t == null || t.isBlank() ? null : t;
  }

  /** GETs {@code path}; a refusal is a {@link NodeRefusedException}. */
  public JsonNode get(String path) throws IOException {
    return required(send("GET", path, null));
  }

  /** POSTs {@code body} to {@code path}; a refusal is a {@link NodeRefusedException}. */
  public JsonNode post(String path, JsonNode body) throws IOException {
    return required(send("POST", path, body));
  }

  private JsonNode required(Answer a) {
    if (!a.ok()) {
      throw new NodeRefusedException(node, a);
    }
    return a.body();
  }

  /** Sends a request and returns the answer whatever its status. */
  public Answer send(String method, String path, JsonNode body) throws IOException {
    String t = token();
    if (t == null) {
      throw new IllegalArgumentException("--token (or VERITY_TOKEN) is required with --node");
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(resolve(path))
            .timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + t);
    b =
        body == null
            ? b.method(method, HttpRequest.BodyPublishers.noBody())
            : b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    HttpResponse<String> r;
    try {
      r =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (IOException e) {
      throw new NodeUnreachableException(node, e);
    }
    return new Answer(r.statusCode(), parse(r.body()));
  }

  private static JsonNode parse(String text) {
    try {
      return text.isEmpty()
          ? CanonicalJson.mapper().nullNode()
          : CanonicalJson.mapper().readTree(text);
    } catch (IOException e) {
      return CanonicalJson.mapper()
          .createObjectNode()
          .put("error", "not a node's answer: " + text.substring(0, Math.min(200, text.length())));
    }
  }

  /**
   * {@code path} in agreement {@code agreement} of the node ({@code ?agreement=}; null: the
   * node's home agreement; {@code all}: every one, where the route gathers them).
   */
  public static String in(String path, String agreement) {
    if (agreement == null) {
      return path;
    }
    return path + (path.contains("?") ? "&" : "?") + "agreement="
        + URLEncoder.encode(agreement, StandardCharsets.UTF_8);
  }

  private URI resolve(String path) {
    String base = node.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }
}
