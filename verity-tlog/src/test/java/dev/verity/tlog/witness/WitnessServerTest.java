package dev.verity.tlog.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class WitnessServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> post(URI url, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(url.resolve("add-checkpoint"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  // torchwood-litewitness/litewitness.txt over HTTP on 127.0.0.1 (port 0): the statuses and
  // bodies of the scenario, with the spec's 404 for the unknown origin (see LitewitnessScenario).
  @Test
  void torchwoodLitewitnessScenarioOverHttp() throws Exception {
    Witness w = LitewitnessScenario.witness(WitnessState.inMemory());
    try (WitnessServer server = WitnessServer.start(w, new InetSocketAddress("127.0.0.1", 0))) {
      assertThat(server.url().toString()).startsWith("http://127.0.0.1:");
      List<LitewitnessScenario.Step> steps = LitewitnessScenario.steps();
      assertThat(steps).hasSize(9);
      for (LitewitnessScenario.Step s : steps) {
        HttpResponse<String> r = post(server.url(), s.body());
        assertThat(r.statusCode()).as("step %d: %s", s.index(), r.body())
            .isEqualTo(s.specStatus());
        if (s.contains() != null) {
          assertThat(r.body()).contains(s.contains());
        } else {
          assertThat(r.body()).isEqualTo(s.equals());
          assertThat(r.headers().firstValue("Content-Type")).contains("text/x.tlog.size");
        }
      }
    }
  }

  @Test
  void limitsMethodsAndPaths() throws Exception {
    Witness w = LitewitnessScenario.witness(WitnessState.inMemory());
    try (WitnessServer server = WitnessServer.start(w, new InetSocketAddress("127.0.0.1", 0),
        1024)) {
      assertThat(post(server.url(), "x".repeat(2000)).statusCode()).isEqualTo(413);
      assertThat(post(server.url(), "old 0\n\n").statusCode()).isEqualTo(400);
      HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(
          server.url().resolve("add-checkpoint")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
      HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(
          server.url().resolve("add-checkpoint/x")).POST(HttpRequest.BodyPublishers.noBody())
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(other.statusCode()).isEqualTo(404);
    }
  }
}
