package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.json;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.federation.Publisher;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.store.PostgresServer;
import dev.verity.node.store.PostgresServer.Database;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes under faults: {@code kill -9} during a stream of submissions, and a cut link.
 * No acknowledged message is lost, none is duplicated, the logs audit clean, and every message
 * is cosigned once the node or the link is back. The crash runs with either store: SQLite in
 * each node's directory, or a PostgreSQL database of each node's own on a real server.
 */
@ExtendWith(PostgresServer.class)
class FaultToleranceTest {
  @TempDir Path root;

  /** Submits until acknowledged, retrying the same client id across crashes (bounded). */
  static long submitUntilAcknowledged(Member m, String clientId, int i) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < end) {
      try {
        HttpResponse<String> r = post(m, "/api/v1/messages", Cluster.exercise(clientId, i), m.operator);
        if (r.statusCode() == 201 || r.statusCode() == 200) {
          return json(r).path("index").asLong();
        }
        assertThat(r.statusCode()).as(r.body()).isGreaterThanOrEqualTo(500);
      } catch (IOException e) {
        // the node is down: retry
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no acknowledgement for " + clientId);
  }

  /** A thread submitting {@code n} messages to {@code m}, each until acknowledged. */
  static Thread stream(Member m, int n, Map<String, Long> acked) {
    Thread t = new Thread(() -> {
      try {
        for (int i = 0; i < n; i++) {
          acked.put("s-" + i, submitUntilAcknowledged(m, "s-" + i, i));
        }
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    t.start();
    return t;
  }

  /**
   * One push in flight per peer on every node of the cluster, instead of the default two
   * (pipelined, D72 and D91).
   */
  static final Map<String, String> ONE_IN_FLIGHT = Map.of(Publisher.IN_FLIGHT_ENV, "1");

  /** The options of {@code verity node init} for a node keeping its state in {@code storage}. */
  static String[] storage(String storage) throws Exception {
    if (storage.startsWith("sqlite")) {
      return new String[0];
    }
    Database db = PostgresServer.newDatabase();
    return new String[] {"--storage", "postgresql", "--jdbc-url", db.url(), "--jdbc-password",
        "file:" + db.passwordFile()};
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite, pipelined", "postgresql, pipelined", "sqlite, one in flight"})
  @Timeout(400)
  void killNineDuringAStreamLosesAndDuplicatesNothing(String storage) throws Exception {
    try (Cluster c = new Cluster(root)) {
      if (storage.endsWith("one in flight")) {
        c.withEnv(ONE_IN_FLIGHT);
      }
      Member us = c.init("new-start", "US", storage(storage));
      Member ru = c.init("new-start", "RU", storage(storage));
      c.pinAll();
      c.startAll();
      for (Member m : List.of(us, ru)) {
        var decl = DemoScenario.submissions(m.party, 0, 1).get(0);
        assertThat(post(m, "/api/v1/messages", decl.body().toString(), m.operator).statusCode()).isEqualTo(201);
      }
      int n = 300;
      int nRu = 100;
      Map<String, Long> acked = new ConcurrentHashMap<>();
      Map<String, Long> ackedRu = new ConcurrentHashMap<>();
      Thread stream = stream(us, n, acked);
      Thread streamRu = stream(ru, nRu, ackedRu);
      Random random = new Random(7);
      for (int k = 0; k < 3 && stream.isAlive(); k++) {
        Thread.sleep(500 + random.nextInt(1500));
        Member victim = k == 1 ? ru : us;
        c.kill(victim);
        c.start(victim);
        c.awaitUp(victim);
      }
      stream.join(Duration.ofSeconds(240).toMillis());
      streamRu.join(Duration.ofSeconds(60).toMillis());
      assertThat(acked).hasSize(n);
      assertThat(ackedRu).hasSize(nRu);
      await("all cosigned after the crashes", Duration.ofSeconds(90),
          () -> Cluster.allCosigned(us) && Cluster.allCosigned(ru));
      JsonNode ruOut = getJson(ru, "/api/v1/messages?direction=out&type=bomber-exercise&limit=10000").path("messages");
      assertThat(ruOut).hasSize(nRu);
      assertThat(getJson(us, "/api/v1/messages?direction=in&type=bomber-exercise&limit=10000").path("messages"))
          .hasSize(nRu);

      JsonNode out = getJson(us, "/api/v1/messages?direction=out&type=bomber-exercise&limit=10000").path("messages");
      Map<String, Long> logged = new HashMap<>();
      for (JsonNode m : out) {
        String id = m.path("entry").path("clientId").asText();
        assertThat(logged.put(id, m.path("index").asLong())).as("duplicate " + id).isNull();
      }
      assertThat(logged).isEqualTo(acked);
      JsonNode in = getJson(ru, "/api/v1/messages?direction=in&type=bomber-exercise&limit=10000").path("messages");
      Set<Long> mirrored = new HashSet<>();
      in.forEach(m -> assertThat(mirrored.add(m.path("index").asLong())).isTrue());
      assertThat(mirrored).containsExactlyInAnyOrderElementsOf(acked.values());
      c.stop(us);
      c.stop(ru);
      assertThat(Cluster.fsck(us).isClean()).as(Cluster.fsck(us).toString()).isTrue();
      assertThat(Cluster.fsck(ru).isClean()).isTrue();
      assertThat(us.dir.resolve("node.db")).as("the state is where node.yaml says")
          .matches(f -> f.toFile().exists() == storage.startsWith("sqlite"));
    }
  }

  @ParameterizedTest(name = "pipelined: {0}")
  @ValueSource(booleans = {false, true})
  @Timeout(300)
  void aCutLinkDeliversEverythingOnceItReturns(boolean pipelined) throws Exception {
    try (Cluster c = new Cluster(root)) {
      if (!pipelined) {
        c.withEnv(ONE_IN_FLIGHT);
      }
      Member us = c.init("new-start", "US");
      Member ru = c.init("new-start", "RU");
      try (TcpRelay relay = new TcpRelay(Cluster.freePort(), ru.peerPort)) {
        c.pin(us, ru, "https://127.0.0.1:" + relay.port() + "/");
        c.pin(ru, us, us.peerUrl());
        c.startAll();
        var decl = DemoScenario.submissions("US", 0, 1).get(0);
        assertThat(post(us, "/api/v1/messages", decl.body().toString(), us.operator).statusCode()).isEqualTo(201);
        await("declaration cosigned", Duration.ofSeconds(60), () -> Cluster.allCosigned(us));

        relay.cut();
        for (int i = 0; i < 20; i++) {
          assertThat(post(us, "/api/v1/messages", Cluster.exercise("cut-" + i, i), us.operator).statusCode()).isEqualTo(201);
        }
        Thread.sleep(3000);
        JsonNode log = getJson(us, "/api/v1/log");
        assertThat(log.path("peers").get(0).path("cosignedSize").asLong()).isLessThan(log.path("size").asLong());
        JsonNode pending = getJson(us, "/api/v1/messages?direction=out&type=bomber-exercise&limit=100").path("messages");
        pending.forEach(m -> assertThat(m.path("status").asText()).isNotEqualTo("cosigned"));

        relay.restore();
        await("delivered after the link returns", Duration.ofSeconds(90), () -> Cluster.allCosigned(us));
        JsonNode in = getJson(ru, "/api/v1/messages?direction=in&type=bomber-exercise&limit=100").path("messages");
        assertThat(in).hasSize(20);
        assertThat(getJson(ru, "/api/v1/log").path("alarms")).isEmpty();
      }
    }
  }
}
