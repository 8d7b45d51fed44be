package dev.verity.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.node.cli.VerityCommand;
import dev.verity.node.cli.bench.LoopbackPorts;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.federation.PeerClient;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.store.NodeStore;
import dev.verity.tlog.audit.AuditReport;
import dev.verity.tlog.audit.LogAuditor;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.proof.TlogProof;
import dev.verity.tlog.storage.LogStorage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;


/**
 * Test harness: nodes set up with the real CLI and run as real processes
 * ({@code java -cp <test class path> VerityCommand node run}), talking over real sockets on
 * 127.0.0.1. Every wait is bounded.
 */
final class Cluster implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One node: where it lives, its ports and tokens, and its process while running. */
  static final class Member {
    final String party;
    final Path dir;
    final int apiPort;
    final int peerPort;
    final String operator;
    final String viewer;
    /** Started with {@code --standby}: stands by if another process sequences its log. */
    boolean standby;
    Process process;

    Member(String party, Path dir, int apiPort, int peerPort, String operator, String viewer) {
      this.party = party;
      this.dir = dir;
      this.apiPort = apiPort;
      this.peerPort = peerPort;
      this.operator = operator;
      this.viewer = viewer;
    }

    String peerUrl() {
      return "https://127.0.0.1:" + peerPort + "/";
    }
  }

  private final Path root;
  private final List<Member> members = new ArrayList<>();

  Cluster(Path root) {
    this.root = root;
  }

  /** A port nothing listens on, below the ephemeral range ({@link LoopbackPorts}). */
  static int freePort() throws IOException {
    return LoopbackPorts.shared().next();
  }

  static String cli(String... args) {
    Run r = run(args);
    assertThat(r.code()).as("verity %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out();
  }

  /** A command's exit code and output. */
  record Run(int code, String out, String err) {}

  /** Runs {@code verity args} in this JVM, whatever its exit code. */
  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = VerityCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute(args);
    return new Run(rc, out.toString(), err.toString());
  }

  Member init(String agreement, String party, String... more) throws IOException {
    return initWith("--agreement", agreement, party, more);
  }

  /** A node of {@code party} in {@code agreements} (the first its home agreement). */
  Member initIn(List<String> agreements, String party, String... more) throws IOException {
    return initWith("--agreements", String.join(",", agreements), party, more);
  }

  private Member initWith(String option, String agreement, String party, String... more)
      throws IOException {
    Path dir = root.resolve(party);
    int api = freePort();
    int peer = freePort();
    List<String> args = new ArrayList<>(List.of("node", "init", "--party", party, option,
        agreement, "--dir", dir.toString(), "--api-port", "" + api, "--peer-port", "" + peer));
    args.addAll(List.of(more));
    String out = cli(args.toArray(String[]::new));
    Member m = new Member(party, dir, api, peer, token(out, "operator token:"),
        token(out, "viewer token:"));
    members.add(m);
    return m;
  }

  private static String token(String out, String label) {
    return out.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow()
        .substring(label.length()).trim();
  }

  /** Pins every member to every other. */
  void pinAll() {
    for (Member a : members) {
      for (Member b : members) {
        if (a != b) {
          cli("node", "peer", "add", "--dir", a.dir.toString(), "--identity",
              b.dir.resolve("identity.json").toString(), "--url", b.peerUrl());
        }
      }
    }
  }

  /**
   * A peer client with {@code from}'s keys for {@code agreement}, at {@code to}'s peer port: the
   * test speaking as {@code from} to {@code to}'s node.
   */
  static PeerClient peerClient(Member from, String agreement, Member to) throws Exception {
    return new PeerClient(NodeIdentity.load(from.dir, agreement, from.party),
        new PeerConfig(to.peerUrl(), NodeIdentity.readPublic(to.dir.resolve("identity.json"))));
  }

  /** Pins {@code b} in {@code a}, reached at {@code url} (e.g. through a relay). */
  void pin(Member a, Member b, String url) {
    cli("node", "peer", "add", "--dir", a.dir.toString(), "--identity",
        b.dir.resolve("identity.json").toString(), "--url", url);
  }

  /** The log of {@code m} audited where it keeps it (fsck: files, or PostgreSQL), with its key. */
  static AuditReport fsck(Member m) throws Exception {
    var id = NodeIdentity.readPublic(m.dir.resolve("identity.json"));
    try (NodeStore store = NodeStore.open(NodeConfig.read(m.dir), m.dir);
        var storage = store.logStorage(m.dir.resolve("log"))) {
      return LogAuditor.audit(storage,
          LogCheckpoints.reader(id.origin(), id.logKey()), 1);
    }
  }

  /**
   * A writer of {@code m}'s own log with its own keys, while its node is stopped: what a hostile
   * Party can put in its log that no Verity node would.
   */
  static LogWriter ownLogWriter(Member m, String agreement) throws Exception {
    NodeIdentity id = NodeIdentity.load(m.dir, agreement, m.party);
    String origin = id.publicIdentity().origin();
    return LogWriter.builder(LogStorage.directory(m.dir.resolve("log")))
        .signer(LogCheckpoints.signer(origin, id.logSignerKey()))
        .reader(LogCheckpoints.reader(origin, id.publicIdentity().logKey())).open();
  }

  /** An entry's page ({@code GET /api/v1/messages/P/I}): its proof verifies against its cp. */
  static void verifyProof(JsonNode one) throws Exception {
    byte[] entry = Base64.getDecoder().decode(one.path("entryBase64").asText());
    TlogProof proof = TlogProof.parse(one.path("proof").path("tlogProof").asText());
    Checkpoint cp = Checkpoint.parse(SignedNote.parse(proof.checkpoint()).text());
    new InclusionProof(proof.index(), cp.size(), proof.path())
        .verify(MerkleHash.leaf(entry), cp.rootHash());
  }

  /**
   * A bomber-exercise notification (no fields, no inventory effect) at 2020-09-01 plus i minutes.
   */
  static String exercise(String clientId, int i) {
    return "{\"clientId\":\"" + clientId + "\",\"type\":\"bomber-exercise\","
        + "\"message\":{\"eventTime\":\""
        + Instant.parse("2020-09-01T00:00:00Z").plusSeconds(60L * i) + "\"}}";
  }

  void startAll() throws Exception {
    for (Member m : members) {
      start(m);
    }
    for (Member m : members) {
      awaitUp(m);
    }
  }

  void start(Member m) throws IOException {
    start(m, env);
  }

  /** The environment every node of this cluster starts with (e.g. pipelined pushes). */
  private Map<String, String> env = Map.of();

  Cluster withEnv(Map<String, String> env) {
    this.env = Map.copyOf(env);
    return this;
  }

  /** Starts {@code m} with {@code env} added to its environment (e.g. VERITY_LOG_FORMAT). */
  void start(Member m, Map<String, String> env) throws IOException {
    Files.deleteIfExists(m.dir.resolve("run/ports.json"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), "dev.verity.node.cli.VerityCommand", "node", "run",
        "--dir", m.dir.toString());
    if (m.standby) {
      pb.command().add("--standby");
    }
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(m.dir.resolve("node.log").toFile()));
    m.process = pb.start();
  }

  void awaitUp(Member m) throws Exception {
    await("node " + m.party + " up", Duration.ofSeconds(90), () -> {
      if (!m.process.isAlive()) {
        throw new AssertionError(m.party + " exited: " + log(m));
      }
      try {
        return get(m, "/api/v1/session", m.viewer).statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    });
  }

  static String log(Member m) {
    try {
      List<String> lines = Files.readAllLines(m.dir.resolve("node.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  void kill(Member m) throws InterruptedException {
    if (m.process != null) {
      m.process.destroyForcibly();
      m.process.waitFor();
    }
  }

  void stop(Member m) throws InterruptedException {
    if (m.process != null && m.process.isAlive()) {
      m.process.destroy();
      if (!m.process.waitFor(20, TimeUnit.SECONDS)) {
        m.process.destroyForcibly().waitFor();
      }
    }
  }

  static HttpResponse<String> get(Member m, String path, String token) throws IOException {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.apiPort + path)).GET(),
        token);
  }

  static HttpResponse<String> post(Member m, String path, String body, String token)
      throws IOException {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.apiPort + path))
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)), token);
  }

  static HttpResponse<String> send(HttpRequest.Builder b, String token) throws IOException {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpRequest request = b.build();
      if (request.timeout().isEmpty()) {
        request = b.timeout(Duration.ofSeconds(60)).build();
      }
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  static JsonNode getJson(Member m, String path) throws IOException {
    HttpResponse<String> r = get(m, path, m.viewer);
    assertThat(r.statusCode()).as("GET %s on %s: %s", path, m.party, r.body()).isEqualTo(200);
    return json(r);
  }

  @FunctionalInterface
  interface Check {
    boolean ok() throws Exception;
  }

  static void await(String what, Duration limit, Check check) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  /** True when every own message of {@code m} is cosigned by every peer. */
  static boolean allCosigned(Member m) throws IOException {
    JsonNode log = getJson(m, "/api/v1/log");
    long size = log.path("size").asLong();
    for (JsonNode p : log.path("peers")) {
      if (p.path("cosignedSize").asLong() < size) {
        return false;
      }
    }
    return true;
  }

  List<Member> members() {
    return members;
  }

  @Override
  public void close() throws Exception {
    for (Member m : members) {
      stop(m);
    }
  }

}
