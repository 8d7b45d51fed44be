package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.json;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.e2e.Cluster.Run;
import dev.verity.node.entry.EntryReading;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PublicIdentity;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.PostgresServer;
import dev.verity.node.store.PostgresServer.Database;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.log.LogReader;
import dev.verity.tlog.merkle.CompactRange;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's standby, with real processes: two processes of the US node on one PostgreSQL
 * database (both run with {@code --standby}: whoever holds the log's writer lock sequences), RU a
 * peer witnessing them. A client appends without pause to whichever answers and records every
 * acknowledged index; each round kills the active process with {@code kill -9}, waits for the
 * standby to sequence, and starts the killed one again as the new standby; every third round
 * (the second, fifth, ...) instead ends the active's database session, as a network partition
 * would: fenced, it steps down, and one of the two sequences. Afterwards every
 * acknowledged entry is in the log exactly once at its index, the log and the store check clean,
 * and every cosignature RU ever gave of the US log verifies against the one log's root at its
 * size: RU's witness never saw two checkpoints of one size with different roots.
 * {@code -Dverity.failover.rounds=20} for the figure; 2 by default.
 */
@ExtendWith(PostgresServer.class)
class StandbyFailoverTest {
  private static final int ROUNDS = Integer.getInteger("verity.failover.rounds", 2);

  @TempDir Path root;

  @Test
  void killNineOfTheActiveLosesNothingAndForksNothing() throws Exception {
    try (Cluster c = new Cluster(root)) {
      Database db = PostgresServer.newDatabase();
      Member us = c.init("new-start", "US", "--storage", "postgresql", "--jdbc-url", db.url(),
          "--jdbc-password", "file:" + db.passwordFile());
      Member ru = c.init("new-start", "RU");
      c.pinAll();
      Member second = secondProcess(c, us);
      us.standby = true;
      second.standby = true;
      c.start(us);
      c.awaitUp(us);
      assertThat(role(us)).isEqualTo("active");
      c.start(ru);
      c.start(second);
      c.awaitUp(ru);
      c.awaitUp(second);
      assertThat(role(second)).isEqualTo("standby");
      for (Member m : List.of(us, ru)) {
        var decl = DemoScenario.submissions(m.party, 0, 1).get(0);
        assertThat(post(m, "/api/v1/messages", decl.body().toString(), m.operator).statusCode())
            .isEqualTo(201);
      }
      Client client = new Client(List.of(us, second));
      client.start();
      List<Member> both = List.of(us, second);
      List<Long> takeoverMillis = new ArrayList<>();
      try {
        rounds(c, both, client, db, takeoverMillis);
      } catch (AssertionError e) {
        for (Member m : List.of(us, second, ru)) {
          System.out.println("--- " + m.dir.getFileName() + "\n" + Cluster.log(m));
          if (m.process != null && m.process.isAlive()) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
                "jcmd").toString(), "" + m.process.pid(), "Thread.print").inheritIO().start();
            p.waitFor();
          }
        }
        System.out.println("client: " + client.thread.getStackTrace().length);
        for (StackTraceElement at : client.thread.getStackTrace()) {
          System.out.println("  at " + at);
        }
        throw e;
      }
      client.stop();
      System.out.printf("failover: %d rounds, %d entries acknowledged, kill -9 (rounds 1, 3, 4,"
          + " 6, ...) or the writer's session cut (2, 5, ...) to the next acknowledgement (ms):"
          + " %s%n", ROUNDS, client.acked.size(), takeoverMillis);
      Member last = activeOf(both);
      await("every entry cosigned by RU", Duration.ofSeconds(120), () -> Cluster.allCosigned(last));
      assertThat(getJson(ru, "/api/v1/log").path("alarms")).as("RU's alarms").isEmpty();
      c.close();

      Map<String, Long> logged = clientIdsInTheLog(us);
      assertThat(logged).containsAllEntriesOf(client.acked);
      assertThat(Cluster.fsck(us).isClean()).as(Cluster.fsck(us).toString()).isTrue();
      Run check = Cluster.run("node", "check", "--dir", us.dir.toString());
      assertThat(check.code()).as(check.out() + check.err()).isZero();
      assertThat(cosignaturesOfRuVerifyAgainstTheOneLog(us, ru)).isGreaterThan(ROUNDS);
    }
  }

  /** Each round kills the active process, or (every third) cuts its writer's session. */
  private static void rounds(Cluster c, List<Member> both, Client client,
      Database db, List<Long> takeoverMillis) throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      client.awaitMore(5, Duration.ofSeconds(120));
      Member active = activeOf(both);
      int before = client.acked.size();
      long cut = System.nanoTime();
      if (round % 3 == 1) {
        // the active loses its database session: fenced, it steps down; one of the two
        // takes the lock again and sequences
        terminateWriterSessions(db);
        client.awaitMore(1, Duration.ofSeconds(60));
        await("one active, one standby", Duration.ofSeconds(60),
            () -> activeOf(both) != null && roles(both).contains("standby"));
      } else {
        c.kill(active);
        before = client.acked.size();
        client.awaitMore(1, Duration.ofSeconds(60));
        assertThat(role(other(both, active))).isEqualTo("active");
        c.start(active);
        c.awaitUp(active);
        assertThat(role(active)).isEqualTo("standby");
      }
      takeoverMillis.add((System.nanoTime() - cut) / 1_000_000);
      assertThat(client.acked.size()).isGreaterThan(before);
    }
  }

  /** A second process of {@code m}'s node: a copy of its directory (keys, config), own ports. */
  private static Member secondProcess(Cluster c, Member m) throws Exception {
    Path dir = m.dir.resolveSibling(m.party + "-second");
    try (Stream<Path> files = Files.walk(m.dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = dir.resolve(m.dir.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else if (!f.getFileName().toString().equals("node.log")) {
          Files.copy(f, to);
        }
      }
    }
    int api = Cluster.freePort();
    int peer = Cluster.freePort();
    NodeConfig.read(dir).withPorts(api, peer).write(dir);
    Member second = new Member(m.party, dir, api, peer, m.operator, m.viewer);
    c.members().add(second);
    return second;
  }

  /** The process that says it is active, or null. */
  private static Member activeOf(List<Member> both) {
    for (Member m : both) {
      try {
        if (role(m).equals("active")) {
          return m;
        }
      } catch (IOException e) {
        // down, or reopening as the new active
      }
    }
    return null;
  }

  private static List<String> roles(List<Member> both) {
    List<String> out = new ArrayList<>();
    for (Member m : both) {
      try {
        out.add(role(m));
      } catch (IOException e) {
        out.add("down");
      }
    }
    return out;
  }

  private static Member other(List<Member> both, Member m) {
    return both.get(0) == m ? both.get(1) : both.get(0);
  }

  /** What a network partition does to the active: its writer's database session ends. */
  private static void terminateWriterSessions(Database db) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
          + " WHERE application_name = 'verity-log-writer'").close();
    }
  }

  private static String role(Member m) throws IOException {
    HttpResponse<String> r = Cluster.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + m.apiPort + "/readyz")).GET(), null);
    return json(r).path("role").asText();
  }

  /**
   * Every own entry of the log as PostgreSQL holds it, by client id; each client id once (a
   * second one would be a duplicated entry), read and checked against the signed checkpoint.
   */
  private static Map<String, Long> clientIdsInTheLog(Member m) throws Exception {
    Map<String, Long> out = new HashMap<>();
    PublicIdentity id = NodeIdentity.readPublic(m.dir.resolve("identity.json"));
    try (NodeStore store = NodeStore.open(NodeConfig.read(m.dir), m.dir);
        LogStorage storage = store.logStorage(m.dir.resolve("log"))) {
      LogReader r = LogReader.open(storage, LogCheckpoints.reader(id.origin(), id.logKey()));
      long size = r.treeHead().size();
      for (long from = 0; from < size; from += TilePath.WIDTH) {
        List<byte[]> entries = r.entries(from, Math.min(size, from + TilePath.WIDTH));
        for (int i = 0; i < entries.size(); i++) {
          String clientId = EntryReading.of(m.party, from + i, entries.get(i)).envelope()
              .clientId();
          assertThat(out.put(clientId, from + i)).as("client id %s twice", clientId).isNull();
        }
      }
      assertThat(store.countMessages(m.party)).as("rows in the store").isEqualTo(size);
    }
    return out;
  }

  /**
   * Each cosignature RU recorded of the US log, checked against the US log's own root at its
   * size; returns how many were checked.
   */
  private static int cosignaturesOfRuVerifyAgainstTheOneLog(Member us, Member ru)
      throws Exception {
    PublicIdentity usId = NodeIdentity.readPublic(us.dir.resolve("identity.json"));
    PublicIdentity ruId = NodeIdentity.readPublic(ru.dir.resolve("identity.json"));
    NoteVerifiers witness = NoteVerifiers.of(CosignatureV1.parseVerifier(ruId.witnessKey()));
    Map<Long, String> lines = new TreeMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + ru.dir.resolve("node.db"));
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT size, line FROM cosignatures"
            + " WHERE log_party = 'US' AND witness = 'RU'")) {
      while (rs.next()) {
        lines.put(rs.getLong(1), rs.getString(2));
      }
    }
    try (NodeStore store = NodeStore.open(NodeConfig.read(us.dir), us.dir);
        LogStorage storage = store.logStorage(us.dir.resolve("log"))) {
      LogReader r = LogReader.open(storage, LogCheckpoints.reader(usId.origin(), usId.logKey()));
      for (var e : lines.entrySet()) {
        var root = CompactRange.of(r.hashReader(), e.getKey()).root();
        String body = new Checkpoint(usId.origin(), e.getKey(), root).format();
        // throws if RU cosigned another root at this size: a fork it would have witnessed
        SignedNote.open(body + "\n" + e.getValue() + "\n", witness);
      }
    }
    return lines.size();
  }

  /** Appends without pause, each entry retried with its client id until acknowledged. */
  private static final class Client {
    /** A client gives up on a process that holds its request (one closing) and tries again. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    final Map<String, Long> acked = new ConcurrentHashMap<>();
    private final List<Member> nodes;
    final Thread thread;
    private volatile boolean stop;
    private volatile Throwable failure;
    private int preferred;

    Client(List<Member> nodes) {
      this.nodes = nodes;
      this.thread = new Thread(this::run, "failover-client");
    }

    void start() {
      thread.start();
    }

    private void run() {
      try {
        for (int i = 0; !stop; i++) {
          acked.put("f-" + i, submit("f-" + i, i));
        }
      } catch (Throwable t) {
        failure = t;
      }
    }

    /** To the node that answers; a standby's 503 or a dead one's refusal sends it to the other. */
    private long submit(String clientId, int i) throws Exception {
      long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < end) {
        Member m = nodes.get(preferred);
        try {
          HttpResponse<String> r = Cluster.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + m.apiPort + "/api/v1/messages"))
              .header("Content-Type", "application/json").timeout(REQUEST_TIMEOUT)
              .POST(HttpRequest.BodyPublishers.ofString(Cluster.exercise(clientId, i))),
              m.operator);
          if (r.statusCode() == 201 || r.statusCode() == 200) {
            return json(r).path("index").asLong();
          }
          assertThat(r.statusCode()).as(r.body()).isGreaterThanOrEqualTo(500);
        } catch (IOException e) {
          // killed, or restarting as the new active: the other one, then this one again
        }
        preferred = (preferred + 1) % nodes.size();
        Thread.sleep(20);
      }
      throw new AssertionError("no acknowledgement for " + clientId);
    }

    void awaitMore(int n, Duration limit) throws Exception {
      int target = acked.size() + n;
      await(n + " more acknowledged", limit, () -> {
        assertThat(failure).as("the client").isNull();
        return acked.size() >= target;
      });
    }

    void stop() throws Exception {
      stop = true;
      thread.join(Duration.ofSeconds(150).toMillis());
      assertThat(failure).as("the client").isNull();
    }
  }
}
