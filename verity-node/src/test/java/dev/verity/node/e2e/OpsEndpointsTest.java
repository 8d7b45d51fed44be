package dev.verity.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.e2e.Cluster.Member;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What operators' tools read (issue 17), from two node processes that delivered and cosigned:
 * {@code /healthz} and {@code /readyz} without a token, {@code /metrics} only with one, and its
 * text parsed by Prometheus' own parser (the Python client's {@code
 * text_string_to_metric_families}, Debian's {@code python3-prometheus-client}, which .ci/run
 * installs): the families an operator's
 * dashboard draws must be there, with the agreement and peer labels and counts that match what
 * happened.
 */
@Timeout(180)
class OpsEndpointsTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path DASHBOARD = Path.of("..", "docs", "user", "grafana-dashboard.json");

  /** Prints each sample as {@code name labels value}, one per line, from stdin's exposition. */
  private static final String PARSE = String.join("\n",
      "import sys, json",
      "from prometheus_client.parser import text_string_to_metric_families as parse",
      "for f in parse(sys.stdin.read()):",
      "  for s in f.samples:",
      "    print(s.name, json.dumps(s.labels, sort_keys=True), s.value)");

  @TempDir Path root;

  @Test
  void probesAndMetricsAnswerAsOperatorsToolsExpect() throws Exception {
    try (Cluster cluster = new Cluster(root)) {
      Member us = cluster.init("new-start", "US");
      Member ru = cluster.init("new-start", "RU");
      cluster.pinAll();
      cluster.start(us);
      cluster.start(ru);
      cluster.awaitUp(us);
      cluster.awaitUp(ru);
      double submitted = 0;
      for (DemoScenario.Submission s : DemoScenario.submissions("US", 3, 1)) {
        TwoNodeEndToEndTest.submit(us, s);
        submitted++;
      }
      Cluster.await("cosigned", Duration.ofSeconds(60), () -> Cluster.allCosigned(us));

      assertThat(Cluster.get(us, "/healthz", null).statusCode()).isEqualTo(200);
      HttpResponse<String> ready = Cluster.get(us, "/readyz", null);
      assertThat(ready.statusCode()).isEqualTo(200);
      JsonNode checks = Cluster.json(ready).path("checks");
      assertThat(checks.path("store").asText()).isEqualTo("ok");
      assertThat(checks.path("log").asText()).isEqualTo("ok");
      assertThat(checks.path("peers").path("configured").asInt()).isEqualTo(1);
      assertThat(checks.path("peers").path("silent").asInt()).isZero();
      assertThat(ready.body()).doesNotContain("RU"); // no peer names without a token

      assertThat(Cluster.get(us, "/metrics", null).statusCode()).isEqualTo(401);
      assertThat(Cluster.get(us, "/metrics", "vrt_not-a-token").statusCode()).isEqualTo(401);
      HttpResponse<String> metrics = Cluster.get(us, "/metrics", us.viewer);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");

      String samples = parse(metrics.body());
      String agreement = "{\"agreement\": \"new-start\"}";
      String toRu = "{\"agreement\": \"new-start\", \"peer\": \"RU\"}";
      // every entry submitted in this run was appended, and each got RU's receipt: one sample each
      assertThat(value(samples, "verity_entries_appended_total", agreement)).isEqualTo(submitted);
      assertThat(value(samples, "verity_receipt_latency_seconds_count", toRu)).isEqualTo(submitted);
      assertThat(value(samples, "verity_receipt_latency_seconds_sum", toRu)).isPositive();
      assertThat(samples).contains("verity_receipt_latency_seconds_bucket");
      assertThat(value(samples, "verity_peer_backlog", toRu)).isZero();
      assertThat(value(samples, "verity_log_size", agreement))
          .isEqualTo(Cluster.getJson(us, "/api/v1/log").path("size").asDouble());
      assertThat(value(samples, "verity_alarms", agreement)).isZero();
      // obligations by status, as the API counts them now
      JsonNode owed = Cluster.getJson(us, "/api/v1/obligations").path("obligations");
      long missing = 0;
      for (JsonNode o : owed) {
        missing += o.path("status").asText().equals("missing") ? 1 : 0;
      }
      assertThat(value(samples, "verity_obligations",
          "{\"agreement\": \"new-start\", \"status\": \"missing\"}")).isEqualTo(missing);
      assertThat(value(samples, "verity_http_requests_seconds_count", http("POST",
          "/api/v1/messages", "api", 201))).isEqualTo(submitted);
      assertThat(value(samples, "verity_http_requests_seconds_count", http("GET", "/metrics",
          "api", 401))).isEqualTo(2);
      assertThat(samples).contains("jvm_memory_used_bytes");
      // the example Grafana dashboard draws only what a node really exposes
      Matcher drawn =
          Pattern.compile("\\b(verity|jvm)_[a-z_]+").matcher(Files.readString(DASHBOARD));
      int metricsDrawn = 0;
      while (drawn.find()) {
        assertThat(samples).as("docs/user/grafana-dashboard.json draws %s", drawn.group())
            .contains(drawn.group() + " ");
        metricsDrawn++;
      }
      assertThat(metricsDrawn).isGreaterThan(5);
      // the refused sign-ins are in the audit trail, with address and path, never the token
      JsonNode refused = Cluster.json(Cluster.get(us,
          "/api/v1/audit?action=sign-in-refused&limit=10", us.operator));
      assertThat(refused).hasSize(1); // the request with no token at all is no sign-in
      assertThat(refused.get(0).path("detail").asText())
          .isEqualTo("unknown API token from 127.0.0.1 for /metrics");
      assertThat(refused.toString()).doesNotContain("vrt_not-a-token");
      // a token made and revoked while the node runs: refused at once after the revocation
      String carol = Cluster.cli("node", "token", "create", "--dir", us.dir.toString(),
          "--role", "viewer", "--name", "carol").trim();
      assertThat(Cluster.get(us, "/api/v1/session", carol).statusCode()).isEqualTo(200);
      assertThat(Cluster.cli("node", "token", "list", "--dir", us.dir.toString()))
          .contains("carol").contains("viewer").doesNotContain(carol);
      Cluster.cli("node", "token", "revoke", "--dir", us.dir.toString(), "--name", "carol");
      assertThat(Cluster.get(us, "/api/v1/session", carol).statusCode()).isEqualTo(401);
      // the peer port counts its own requests: RU's pushes reached US's witness, and US's RU's
      String ruSamples = parse(Cluster.get(ru, "/metrics", ru.viewer).body());
      assertThat(value(ruSamples, "verity_http_requests_seconds_count", http("POST",
          "/{agreement}/witness/add-checkpoint-with-entries", "peer", 200))).isPositive();
    }
  }

  /** The value of sample {@code name} with exactly {@code labels}, as the parser prints them. */
  private static double value(String samples, String name, String labels) {
    String prefix = name + " " + labels + " ";
    return samples.lines().filter(l -> l.startsWith(prefix)).findFirst()
        .map(l -> Double.parseDouble(l.substring(prefix.length())))
        .orElseThrow(() -> new AssertionError("no sample " + prefix + "in:\n" + samples));
  }

  private static String http(String method, String route, String server, int status) {
    return "{\"method\": \"" + method + "\", \"route\": \"" + route + "\", \"server\": \""
        + server + "\", \"status\": \"" + status + "\"}";
  }

  /** The samples of an exposition, as Prometheus' parser reads them. */
  private static String parse(String exposition) throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(PYTHON) && python("import prometheus_client", "").exitCode == 0,
        "needs Debian's python3-prometheus-client (/usr/bin/python3 with prometheus_client)");
    Result r = python(PARSE, exposition);
    assertThat(r.exitCode).as("the parser refused the exposition: %s", r.out).isZero();
    return r.out;
  }

  private record Result(int exitCode, String out) {}

  private static Result python(String program, String stdin)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", program).redirectErrorStream(true)
        .start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
