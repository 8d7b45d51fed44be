package dev.verity.node.testing;

import dev.verity.node.runtime.Node;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * One exercise node of Party US (under New START unless told) in this process, on free ports,
 * and its API as the operator calls it; closing it stops the node.
 */
public final class ExerciseNode implements AutoCloseable {
  private final Node node;
  private final String operator;
  private final HttpClient http = HttpClient.newHttpClient();

  private ExerciseNode(Node node, String operator) {
    this.node = node;
    this.operator = operator;
  }

  /** Creates the node in {@code dir}/US with its clock at {@code start}, and starts it. */
  public static ExerciseNode start(Path dir, String start) throws Exception {
    return start(dir, "new-start", start);
  }

  /** As {@link #start(Path, String)}, under {@code agreement} (a catalogue id). */
  public static ExerciseNode start(Path dir, String agreement, String start) throws Exception {
    Cli.Result init = Cli.initExercise(dir.resolve("US"), "US", agreement, start);
    return new ExerciseNode(Node.start(dir.resolve("US")), Cli.token(init, "operator"));
  }

  public Node node() {
    return node;
  }

  /** The operator's token. */
  public String operator() {
    return operator;
  }

  /** {@code method path} with the operator's token and {@code body} (null: a GET). */
  public HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.apiPort() + path))
            .header("Authorization", "Bearer " + operator)
            .header("Content-Type", "application/json");
    b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    node.close();
  }
}
