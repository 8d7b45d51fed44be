package dev.verity.node.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.cli.VerityCommand;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.runtime.Node;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity bench hotline}: the military line's two latencies between two nodes on
 * localhost (us-ru-military-line, both in this JVM, mutual TLS between them), measured as the
 * officers see them through the API the dashboard uses. For each flash message US's officer
 * sends ({@code POST /api/v1/hotline/messages}): the technical receipt (until US stores RU's
 * cosignature covering it) and the acknowledgement seen on US's side (until US's live event
 * stream, {@code GET /api/v1/events}, shows it acknowledged; RU's duty officer is a robot that
 * acknowledges each flash message the moment RU's own stream shows it). Both are printed as
 * p50/p99 and as ratios to the sender's durable append p50 (the POST until its 201: the entry
 * durable in US's log) from the same run. Messages are sent one at a time, {@code --interval-ms}
 * apart: a line carries few messages, and each is an emergency.
 */
@Command(name = "hotline", mixinStandardHelpOptions = true,
    description = "Military line latency between two local nodes: flash message to technical"
        + " receipt, and to the acknowledgement visible on the sender's side, p50/p99.")
public final class HotlineBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--messages", defaultValue = "50", paramLabel = "N",
      description = "Flash messages sent (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--interval-ms", defaultValue = "200", paramLabel = "MS",
      description = "Pause between messages (default: ${DEFAULT-VALUE}).")
  int intervalMs;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where the nodes live (default: a temporary directory).")
  Path dir;

  /** HTTP/1.1, as the dashboard's fetch reads the stream (no h2c upgrade on plain HTTP). */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** Runs the bench on its own. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new HotlineBenchCommand()).execute(args));
  }

  /** Set once the figures are in: the event streams end with the nodes. */
  private volatile boolean over;

  /** One node as the bench drives it: its API and an operator token. */
  private record Side(Node node, String api, String token) {}

  @Override
  public Integer call() throws Exception {
    if (messages < 1 || messages > 10_000 || intervalMs < 0) {
      throw new IllegalArgumentException("--messages: 1 to 10000; --interval-ms: 0 or more");
    }
    Path root = dir != null ? dir : Files.createTempDirectory("verity-bench-hotline-");
    try {
      init(root);
      try (Node us = Node.start(root.resolve("US")); Node ru = Node.start(root.resolve("RU"))) {
        Side s = side(us, root.resolve("US"), "duty-us");
        Side r = side(ru, root.resolve("RU"), "duty-ru");
        return measure(s, r, root);
      }
    } finally {
      if (dir == null) {
        FederationBenchCommand.delete(root);
      }
    }
  }

  private static void init(Path root) throws Exception {
    String[] parties = {"US", "RU"};
    int[][] ports = {{FederationBenchCommand.free(), FederationBenchCommand.free()},
        {FederationBenchCommand.free(), FederationBenchCommand.free()}};
    for (int i = 0; i < 2; i++) {
      FederationBenchCommand.cli("node", "init", "--party", parties[i], "--agreement",
          "us-ru-military-line", "--dir", root.resolve(parties[i]).toString(), "--api-port",
          "" + ports[i][0], "--peer-port", "" + ports[i][1]);
    }
    for (int i = 0; i < 2; i++) {
      FederationBenchCommand.cli("node", "peer", "add", "--dir",
          root.resolve(parties[i]).toString(), "--identity",
          root.resolve(parties[1 - i]).resolve("identity.json").toString(), "--url",
          "https://127.0.0.1:" + ports[1 - i][1] + "/");
    }
  }

  /** The node's API and a new operator token named {@code officer}. */
  private static Side side(Node n, Path dir, String officer) throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cl = VerityCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    if (cl.execute("node", "token", "create", "--dir", dir.toString(), "--role", "operator",
        "--name", officer) != 0) {
      throw new IllegalStateException("no token for " + officer);
    }
    String api = CanonicalJson.mapper().readTree(dir.resolve("run/ports.json").toFile())
        .path("apiUrl").asText();
    return new Side(n, api.endsWith("/") ? api : api + "/", out.toString().trim());
  }

  private int measure(Side us, Side ru, Path root) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Map<Long, Long> receipts = new ConcurrentHashMap<>();
    us.node().onReceipt((peer, size) -> receipts.put(System.nanoTime(), size));
    Map<String, Long> acked = new ConcurrentHashMap<>();
    Set<String> ackedByRu = ConcurrentHashMap.newKeySet();
    // RU's duty officer: acknowledges each flash message as soon as RU's stream shows it
    Thread ruOfficer = stream(ru, out, board -> {
      for (JsonNode m : board.path("messages")) {
        String id = m.path("id").asText();
        if (m.path("alert").asBoolean() && ackedByRu.add(id)) {
          acknowledge(ru, id, out);
        }
      }
    });
    Thread usView = stream(us, out, board -> {
      for (JsonNode m : board.path("messages")) {
        if (m.hasNonNull("acknowledgement")) {
          acked.putIfAbsent(m.path("id").asText(), System.nanoTime());
        }
      }
    });
    out.printf("verity bench hotline: 2 nodes (us-ru-military-line) on 127.0.0.1 (mutual TLS),"
        + " %d flash messages US -> RU, %d ms apart; %s%n", messages, intervalMs, root);
    out.flush();
    long[] start = new long[messages];
    long[] durable = new long[messages];
    long[] index = new long[messages];
    for (int i = 0; i < messages; i++) {
      start[i] = System.nanoTime();
      JsonNode r = postAgain(us, "hotline/messages", "{\"clientId\": \"bench-B-" + i + "\","
          + " \"message\": \"B-" + i + "\", \"to\": \"RU\", \"priority\": \"flash\","
          + " \"text\": \"Bench flash " + i + "\", \"language\": \"en\"}");
      durable[i] = System.nanoTime();
      index[i] = r.path("index").asLong(-1);
      TimeUnit.MILLISECONDS.sleep(intervalMs);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (acked.size() < messages && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    over = true;
    ruOfficer.interrupt();
    usView.interrupt();
    report(out, start, durable, index, receipts, acked);
    return 0;
  }

  /**
   * RU's officer acknowledges {@code id}, trying again (at most three times, under one client
   * id, so an acknowledgement is never doubled) when the node answers with a server error: on a
   * loaded machine Jetty may time a slow request body out (a 500 with 408 inside).
   */
  private void acknowledge(Side ru, String id, PrintWriter out) {
    try {
      postAgain(ru, "hotline/messages/" + id + "/ack", "{\"clientId\": \"bench-ack-" + id
          + "\"}");
    } catch (IllegalStateException e) {
      out.printf("RU's acknowledgement of %s failed: %s%n", id, e.getMessage());
    }
  }

  /** {@link #post}, tried again on a failure (at most three times): the body has a client id. */
  private JsonNode postAgain(Side s, String path, String body) {
    for (int attempt = 1; ; attempt++) {
      try {
        return post(s, path, body);
      } catch (IllegalStateException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** Reads the node's live event stream on a thread of its own, each board to {@code each}. */
  private Thread stream(Side s, PrintWriter out, Consumer<JsonNode> each) {
    Thread t = new Thread(() -> {
      try {
        HttpRequest req = HttpRequest.newBuilder(URI.create(s.api() + "api/v1/events"))
            .header("Authorization", "Bearer " + s.token())
            .header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> r = http.send(req, HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
          out.printf("%s's event stream: HTTP %d%n", s.node().config().party(), r.statusCode());
        }
        r.body().filter(l -> l.startsWith("data:")).forEach(l -> {
          try {
            each.accept(CanonicalJson.mapper().readTree(l.substring(5)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the bench is over
      } catch (Exception e) {
        if (!over) { // else the nodes are closing
          out.printf("%s's event stream failed: %s%n", s.node().config().party(), e);
        }
      }
    }, "bench-events");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private JsonNode post(Side s, String path, String body) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(s.api() + "api/v1/" + path))
          .header("Authorization", "Bearer " + s.token())
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201 && r.statusCode() != 200) { // 200: the client id seen before
        throw new IllegalStateException("POST " + path + ": HTTP " + r.statusCode() + " "
            + r.body());
      }
      return CanonicalJson.mapper().readTree(r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private void report(PrintWriter out, long[] start, long[] durable, long[] index,
      Map<Long, Long> receipts, Map<String, Long> acked) {
    int n = start.length;
    double[] append = new double[n];
    double[] receipt = new double[n];
    double[] ack = new double[n];
    int receipted = 0;
    int acknowledged = 0;
    for (int i = 0; i < n; i++) {
      append[i] = (durable[i] - start[i]) / 1e6;
      long r = firstCovering(receipts, index[i]);
      if (r > 0) {
        receipt[receipted++] = (r - start[i]) / 1e6;
      }
      Long a = acked.get("B-" + i);
      if (a != null) {
        ack[acknowledged++] = (a - start[i]) / 1e6;
      }
    }
    Arrays.sort(append);
    double[] rs = Arrays.copyOf(receipt, receipted);
    double[] as = Arrays.copyOf(ack, acknowledged);
    Arrays.sort(rs);
    Arrays.sort(as);
    double base = FederationBenchCommand.pct(append, 50);
    out.printf("flash messages: %d sent, %d receipted, %d acknowledged%n", n, receipted,
        acknowledged);
    out.println("append: US's POST until its 201 (durable in US's log); x append: the latency"
        + " over the append p50, same run");
    out.printf("%-30s %9s %9s %10s %10s%n", "", "p50 ms", "p99 ms", "p50 x", "p99 x");
    row(out, "append (sender, durable)", append, base);
    row(out, "technical receipt", rs, base);
    row(out, "acknowledgement at sender", as, base);
    out.flush();
  }

  private static void row(PrintWriter out, String what, double[] sorted, double base) {
    double p50 = FederationBenchCommand.pct(sorted, 50);
    double p99 = FederationBenchCommand.pct(sorted, 99);
    out.printf("%-30s %9.1f %9.1f %10.2f %10.2f%n", what, p50, p99, p50 / base, p99 / base);
  }

  /** When the first receipt covering entry {@code index} was stored, or -1. */
  private static long firstCovering(Map<Long, Long> receipts, long index) {
    return receipts.entrySet().stream().filter(e -> e.getValue() > index)
        .mapToLong(Map.Entry::getKey).min().orElse(-1);
  }
}
