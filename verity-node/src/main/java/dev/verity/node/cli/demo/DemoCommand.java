package dev.verity.node.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.replay.Replay;
import dev.verity.node.cli.VerityCommand;
import dev.verity.node.cli.agreement.ReplayScenario;
import dev.verity.node.cli.demo.DemoScenario.Submission;
import dev.verity.node.json.CanonicalJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code verity demo}: a US node and a Russian node on localhost, each a child process with the
 * embedded storage, in New START, the 1988 launch notifications and the 1989 exercises; each
 * submits its New START declaration and a stretch of notification history from a generated
 * scenario, and the other cosigns; then both replay a scenario under each agreement (by default
 * {@code us-ru-2023}: New START suspended, launches still notified) and print per agreement where
 * it stands, what was sent and receipted, and the obligations (issue 13). Prints each node's URL
 * and operator token. {@code --headless} exits 0 once every message has its receipt (1 if not
 * within the time limit).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a US and a Russian node on localhost under New START and replay a generated scenario between them.")
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--headless", description = "Do not wait for input; exit once every message has its receipt.")
  boolean headless;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where the nodes live (default: a new temporary directory).")
  Path dir;

  @Option(names = "--notifications", defaultValue = "40", paramLabel = "N",
      description = "Notifications per Party to replay (default: ${DEFAULT-VALUE}).")
  int notifications;

  @Option(names = "--timeout", defaultValue = "180", paramLabel = "SECONDS",
      description = "How long to wait for every receipt (default: ${DEFAULT-VALUE}).")
  int timeout;

  @Option(names = "--scenario", defaultValue = "us-ru-2023", paramLabel = "NAME|DIR",
      description = "After the New START year, the nodes replay this scenario under each of its"
          + " agreements (default: ${DEFAULT-VALUE}: New START suspended on 21 February 2023, the"
          + " 1988 launch notifications going on; `none` skips it).")
  String scenario;

  @Option(names = "--clean", description = "Remove the nodes' directory on exit (by default it is"
      + " kept, so that the logs can be inspected and verified).")
  boolean clean;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A node the demo started. */
  private record DemoNode(String party, Path dir, int api, int peer, String operator, String viewer, Process process) {
    String apiUrl() {
      return "http://127.0.0.1:" + api + "/";
    }
  }

  /** Runs the demo on its own (until it is registered as {@code verity demo}). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path root = dir != null ? dir : Files.createTempDirectory("verity-demo-");
    List<DemoNode> nodes = new CopyOnWriteArrayList<>();
    Runnable stop = stopper(nodes, root, out);
    // SIGTERM (and Ctrl-C) stop the nodes as the end of input does
    Thread hook = new Thread(stop, "verity-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Map<String, String[]> setup = new LinkedHashMap<>();
      for (String party : List.of("US", "RU")) {
        int api = freePort();
        int peer = freePort();
        // an exercise: the nodes' clocks replay 2020 with the messages, so each is received in time
        String text = cli("node", "init", "--party", party, "--agreements",
            String.join(",", agreements()), "--dir",
            root.resolve(party).toString(), "--api-port", "" + api, "--peer-port", "" + peer,
            "--exercise", "--exercise-start", EXERCISE_START.toString());
        setup.put(party, new String[] {"" + api, "" + peer, token(text, "operator token:"), token(text, "viewer token:")});
      }
      for (String a : setup.keySet()) {
        for (String b : setup.keySet()) {
          if (!a.equals(b)) {
            cli("node", "peer", "add", "--dir", root.resolve(a).toString(), "--identity",
                root.resolve(b).resolve("identity.json").toString(), "--url", "https://127.0.0.1:" + setup.get(b)[1] + "/");
          }
        }
      }
      for (var e : setup.entrySet()) {
        String[] s = e.getValue();
        nodes.add(new DemoNode(e.getKey(), root.resolve(e.getKey()), Integer.parseInt(s[0]), Integer.parseInt(s[1]),
            s[2], s[3], launch(root.resolve(e.getKey()))));
      }
      for (DemoNode n : nodes) {
        awaitUp(n);
      }
      out.printf("verity demo: New START, nodes in %s (%s)%n", root,
          clean ? "removed on exit (--clean)" : "kept on exit, so that the logs in US/log and"
              + " RU/log can be inspected and verified; --clean removes it");
      out.printf("  an exercise: the nodes' clocks start on %s and follow the replayed messages%n",
          EXERCISE_START.atOffset(ZoneOffset.UTC).toLocalDate());
      for (DemoNode n : nodes) {
        out.printf("  %s  %s  operator token %s  (viewer %s)%n", n.party(), n.apiUrl(), n.operator(), n.viewer());
      }
      out.flush();
      int sent = replay(nodes, out);
      long start = System.nanoTime();
      boolean done = awaitReceipts(nodes, Duration.ofSeconds(timeout));
      out.printf("%d messages submitted; %s after %.1f s%n", sent,
          done ? "every message has its receipt" : "NOT every message has its receipt", (System.nanoTime() - start) / 1e9);
      for (DemoNode n : nodes) {
        JsonNode c = getJson(n, "/api/v1/compliance?asOf=" + DemoScenario.AS_OF.plusMonths(6));
        out.printf("  %s sees: %s%n", n.party(), summary(c));
      }
      for (DemoNode n : nodes) {
        out.printf("  %s obligations: %s%n", n.party(), statuses(getJson(n, "/api/v1/obligations")));
      }
      out.flush();
      if (done && !NONE.equals(scenario)) {
        done = replayScenario(nodes, out);
      }
      if (headless) {
        return done ? 0 : 1;
      }
      out.println("Press Enter to stop the nodes.");
      out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return 0;
    } finally {
      stop.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or ran: the nodes are stopped either way
      }
    }
  }

  /**
   * Stops the nodes (SIGTERM to each, then SIGKILL after 20 s) once, whoever calls first: the end
   * of the run or a shutdown hook; with {@code --clean} removes their directory afterwards.
   */
  private Runnable stopper(List<DemoNode> nodes, Path root, PrintWriter out) {
    var once = new AtomicBoolean();
    return () -> {
      if (!once.compareAndSet(false, true)) {
        return;
      }
      nodes.forEach(n -> n.process().destroy());
      for (DemoNode n : nodes) {
        try {
          if (!n.process().waitFor(20, TimeUnit.SECONDS)) {
            n.process().destroyForcibly();
          }
        } catch (InterruptedException e) {
          n.process().destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
      if (clean) {
        deleteTree(root);
      } else {
        out.printf("verity demo: nodes stopped; their directory is kept: %s%n", root);
        out.flush();
      }
    };
  }

  private static void deleteTree(Path root) {
    try (var files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory the system cleans eventually
    }
  }

  /**
   * How many obligations are met, late, missing, due and not yet owed, by their typed status, e.g.
   * {@code 41 met, 0 late, 0 missing, 3 due, 0 pending}.
   */
  static String statuses(JsonNode obligations) {
    Map<String, Integer> count = new LinkedHashMap<>();
    List.of("met", "late", "missing", "due", "pending").forEach(s -> count.put(s, 0));
    // an agreement's own obligations while it is suspended or not in force (issue 13)
    List.of("suspended", "not-in-force").forEach(s -> count.put(s, 0));
    for (JsonNode o : obligations.path("obligations")) {
      count.merge(o.path("status").asText(), 1, Integer::sum);
    }
    StringBuilder b = new StringBuilder();
    count.forEach((s, k) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(s));
    return b.toString();
  }

  private static String summary(JsonNode compliance) {
    StringBuilder b = new StringBuilder();
    for (JsonNode p : compliance.path("parties")) {
      b.append(p.path("party").asText()).append(' ');
      for (JsonNode l : p.path("limits")) {
        b.append(l.path("name").asText()).append('=').append(l.path("value").asText()).append('/')
            .append(l.path("max").asText()).append(' ');
      }
    }
    return b.toString().trim();
  }

  /**
   * The day after the scenario's data exchange as of {@link DemoScenario#AS_OF}: the declarations
   * go first.
   */
  static final Instant EXERCISE_START =
      DemoScenario.AS_OF.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  /** A notification goes an hour after its event, or an hour before its advance-notice deadline. */
  static final Duration MARGIN = Duration.ofHours(1);

  /**
   * Submits both Parties' messages in the order they are due to be sent, advancing both exercise
   * clocks to each first (once everything sent so far has its receipt), so that each message is
   * sent and received in time. The node numbers the notifications in the order they are sent.
   */
  private int replay(List<DemoNode> nodes, PrintWriter out) throws Exception {
    List<Map.Entry<DemoNode, Submission>> all = new ArrayList<>();
    for (DemoNode n : nodes) {
      for (Submission s : DemoScenario.submissions(n.party(), notifications, 1)) {
        all.add(Map.entry(n, s));
      }
    }
    var agreement = AgreementCatalog.get("new-start");
    // stable: declarations first
    all.sort(Comparator.comparing(e -> sendTime(agreement, e.getValue())));
    clock = EXERCISE_START;
    for (var e : all) {
      Instant due = sendTime(agreement, e.getValue());
      if (due.isAfter(clock)) {
        // what was sent is received before time moves on, as it would be in real time
        if (!awaitReceipts(nodes, Duration.ofSeconds(timeout))) {
          throw new IllegalStateException("receipts did not arrive within " + timeout + " s");
        }
        advance(nodes, due);
      }
      ObjectNode body = e.getValue().body();
      ((ObjectNode) body.get("message")).remove("number");
      post(e.getKey(), "api/v1/messages", body.toString(), "submit " + e.getValue().clientId());
    }
    return all.size();
  }

  /** When a submission is sent: a declaration at the exercise's start; a notification by its type's deadline. */
  private static Instant sendTime(Agreement agreement, Submission s) {
    JsonNode t = s.message().get("eventTime");
    if (t == null || t.isNull()) {
      return EXERCISE_START;
    }
    Instant event = Instant.parse(t.asText());
    Integer ahead = agreement.messageType(s.type()).map(m -> m.deadline())
        .map(d -> d.beforeEventHours()).orElse(null);
    return ahead == null ? event.plus(MARGIN) : event.minus(Duration.ofHours(ahead)).minus(MARGIN);
  }

  /** {@code --scenario none}: no second act. */
  static final String NONE = "none";

  /** Where the exercise clocks stand (both nodes move together). */
  private Instant clock = EXERCISE_START;

  /** The agreements the nodes take part in: New START (home), then the scenario's others. */
  private List<String> agreements() throws IOException {
    List<String> out = new ArrayList<>(List.of("new-start"));
    if (!NONE.equals(scenario)) {
      scenarioOf().agreements().stream().filter(a -> !out.contains(a)).forEach(out::add);
    }
    return out;
  }

  private ReplayScenario loaded;

  private ReplayScenario scenarioOf() throws IOException {
    if (loaded == null) {
      loaded = ReplayScenario.of(scenario);
    }
    return loaded;
  }

  /** Moves both nodes' exercise clocks to {@code to}. */
  private void advance(List<DemoNode> nodes, Instant to) throws Exception {
    clock = to;
    for (DemoNode n : nodes) {
      post(n, "api/v1/exercise/clock", "{\"advanceTo\":\"" + to + "\"}", "advance the clock");
    }
  }

  /** One step of the scenario, under its agreement. */
  private record Act(String agreement, Replay.Input step) {}

  /**
   * The second act: the scenario's steps under each agreement, in time order, each submitted by
   * its Party's node on the exercise clock at its own instant (so a launch notification 25 h
   * ahead is on time and one 23 h ahead late, as on real clocks); then, per agreement, where it
   * stands, what each Party sent, and its obligations on both nodes.
   */
  private boolean replayScenario(List<DemoNode> nodes, PrintWriter out) throws Exception {
    ReplayScenario s = scenarioOf();
    List<Act> acts = new ArrayList<>();
    for (String a : s.agreements()) {
      s.steps(a).forEach(i -> acts.add(new Act(a, i)));
    }
    acts.sort(Comparator.comparing((Act x) -> x.step().at()));
    for (Act x : acts) {
      if (x.step().at().isAfter(clock)) {
        if (!awaitReceipts(nodes, Duration.ofSeconds(timeout))) {
          return false;
        }
        advance(nodes, x.step().at());
      }
      DemoNode n = nodes.stream().filter(d -> d.party().equals(x.step().party())).findFirst()
          .orElseThrow(() -> new IllegalStateException("no node for " + x.step().party()));
      ObjectNode body = CanonicalJson.mapper().createObjectNode()
          .put("clientId", s.id() + "-" + x.agreement() + "-" + x.step().index())
          .put("type", x.step().type());
      body.set("message", x.step().fields());
      post(n, "api/v1/messages?agreement=" + x.agreement(), body.toString(), "submit "
          + x.step().type() + " under " + x.agreement());
    }
    boolean done = awaitReceipts(nodes, Duration.ofSeconds(timeout));
    if (s.asOf() != null && s.asOf().isAfter(clock)) {
      advance(nodes, s.asOf());
    }
    out.printf("scenario %s: %s (%d messages; as of %s)%n", s.id(), s.title(), acts.size(), clock);
    for (String a : s.agreements()) {
      printAgreement(nodes, a, s.from(), out);
    }
    out.flush();
    return done;
  }

  /** Where {@code a} stands, what each Party sent and had receipted, and its obligations. */
  private void printAgreement(List<DemoNode> nodes, String a, Instant from, PrintWriter out)
      throws Exception {
    JsonNode life = getJson(nodes.get(0), "/api/v1/agreements/" + a + "?agreement=" + a)
        .path("life");
    StringBuilder by = new StringBuilder();
    for (JsonNode sus : life.path("suspendedBy")) {
      by.append(" by ").append(sus.path("party").asText()).append(" since ")
          .append(sus.path("since").asText(), 0, 10).append(": ")
          .append(sus.path("statedReason").asText());
    }
    out.printf("  %s: %s%s%n", a, life.path("standing").asText(), by);
    for (DemoNode n : nodes) {
      JsonNode messages = getJson(n, "/api/v1/messages?agreement=" + a + "&limit=10000");
      Map<String, int[]> sent = new LinkedHashMap<>();
      for (JsonNode m : messages.path("messages")) {
        int[] c = sent.computeIfAbsent(m.path("party").asText(), k -> new int[2]);
        c[0]++;
        c[1] += m.path("status").asText().equals("cosigned") ? 1 : 0;
      }
      StringBuilder b = new StringBuilder();
      sent.forEach((party, c) -> b.append(party).append(' ').append(c[0]).append(" sent (")
          .append(c[1]).append(" receipted) "));
      JsonNode owed = withinScenario(getJson(n, "/api/v1/obligations?agreement=" + a), from);
      out.printf("    %s sees: %sobligations: %s%n", n.party(), b, statuses(owed));
    }
  }

  /** The obligations due on or after {@code from} (earlier ones are outside the scenario). */
  private static JsonNode withinScenario(JsonNode obligations, Instant from) {
    ObjectNode o = CanonicalJson.mapper().createObjectNode();
    var list = o.putArray("obligations");
    for (JsonNode x : obligations.path("obligations")) {
      if (from == null || !Instant.parse(x.path("due").asText()).isBefore(from)) {
        list.add(x);
      }
    }
    return o;
  }

  private void post(DemoNode n, String path, String body, String what) throws Exception {
    HttpResponse<String> r = send(n, HttpRequest.newBuilder(URI.create(n.apiUrl() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), n.operator());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(n.party() + " refused to " + what + ": " + r.body());
    }
  }

  private boolean awaitReceipts(List<DemoNode> nodes, Duration limit) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      boolean all = true;
      for (DemoNode n : nodes) {
        for (String a : agreements()) {
          JsonNode log = getJson(n, "/api/v1/log?agreement=" + a);
          for (JsonNode p : log.path("peers")) {
            all &= p.path("cosignedSize").asLong() >= log.path("size").asLong();
          }
        }
      }
      if (all) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private void awaitUp(DemoNode n) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < end) {
      if (!n.process().isAlive()) {
        throw new IllegalStateException(n.party() + " node exited; see " + n.dir().resolve("node.log"));
      }
      try {
        if (send(n, HttpRequest.newBuilder(URI.create(n.apiUrl() + "api/v1/session")).GET(), n.viewer()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(n.party() + " node did not start within 120 s; see " + n.dir().resolve("node.log"));
  }

  private JsonNode getJson(DemoNode n, String path) throws Exception {
    HttpResponse<String> r = send(n, HttpRequest.newBuilder(URI.create(n.apiUrl() + path.substring(1))).GET(), n.viewer());
    return CanonicalJson.mapper().readTree(r.body());
  }

  private HttpResponse<String> send(DemoNode n, HttpRequest.Builder b, String token) throws Exception {
    return http.send(b.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Process launch(Path nodeDir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        VerityCommand.class.getName(), "node", "run", "--dir", nodeDir.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("node.log").toFile()));
    return pb.start();
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = VerityCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    if (cl.execute(args) != 0) {
      throw new IllegalStateException("verity " + String.join(" ", args) + ": " + err);
    }
    return out.toString();
  }

  private static String token(String out, String label) {
    return out.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow().substring(label.length()).trim();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
