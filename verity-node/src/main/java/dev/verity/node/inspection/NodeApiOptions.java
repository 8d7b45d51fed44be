package dev.verity.node.inspection;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --node URL --token T}: a command works through a running node's API instead of files
 * (docs/user/node.md). The token may come from {@code VERITY_TOKEN} instead, which keeps it out
 * of the process list.
 */
final class NodeApiOptions {
  @Option(names = "--node", paramLabel = "URL", description = "A running node's API, e.g. http://127.0.0.1:7380/ (instead of files).")
  URI node;

  @Option(names = "--token", paramLabel = "TOKEN", description = "API token for --node (default: $VERITY_TOKEN).")
  String token;

  boolean present() {
    return node != null;
  }

  JsonNode get(String path) throws IOException {
    return send(HttpRequest.newBuilder(resolve(path)).GET());
  }

  JsonNode post(String path, JsonNode body) throws IOException {
    return send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private URI resolve(String path) {
    String base = node.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }

  private JsonNode send(HttpRequest.Builder b) throws IOException {
    String t = token != null ? token : System.getenv("VERITY_TOKEN");
    if (t == null || t.isBlank()) {
      throw new IllegalArgumentException("--token (or VERITY_TOKEN) is required with --node");
    }
    HttpResponse<String> r;
    try {
      r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(b.header("Authorization", "Bearer " + t).timeout(Duration.ofSeconds(120)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
    JsonNode body = r.body().isEmpty() ? InspectionIo.JSON.nullNode() : InspectionIo.JSON.readTree(r.body());
    if (r.statusCode() >= 300) {
      String field = body.path("field").isTextual() ? body.path("field").asText() + ": " : "";
      throw new IllegalArgumentException(node + " answered " + r.statusCode() + ": " + field + body.path("error").asText(r.body()));
    }
    return body;
  }
}
