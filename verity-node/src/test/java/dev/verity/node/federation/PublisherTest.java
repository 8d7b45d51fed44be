package dev.verity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PinnedTls;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.SqliteNodeStore;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.witness.Witness;
import dev.verity.tlog.witness.WitnessResponse;
import dev.verity.tlog.witness.WitnessState;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher against a plain C2SP tlog-witness that does not take {@link Push}es (a peer of
 * an older version, or any other witness): it falls back to the standard request, once, and
 * its receipts keep coming.
 */
class PublisherTest {
  @TempDir Path dir;
  private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();

  @Test
  @Timeout(60)
  void fallsBackToThePlainRequestWhenTheWitnessDoesNotTakeEntries() throws Exception {
    NodeIdentity us = NodeIdentity.generate(dir.resolve("us"), "new-start", "US");
    NodeIdentity ru = NodeIdentity.generate(dir.resolve("ru"), "new-start", "RU");
    String origin = us.publicIdentity().origin();
    Witness witness = witnessOf(us, ru, WitnessState.inMemory());
    List<String> paths = new CopyOnWriteArrayList<>();
    HttpsServer server = plainWitness(ru, us, witness, paths, 1);
    CheckpointReader reader = LogCheckpoints.reader(origin, us.publicIdentity().logKey());
    LinkedBlockingQueue<Long> receipts = new LinkedBlockingQueue<>();
    PeerConfig peer = new PeerConfig("https://127.0.0.1:" + server.getAddress().getPort() + "/", ru.publicIdentity());
    // one request in flight: the fallback and the one kept-alive connection are what is tested
    System.setProperty(Publisher.IN_FLIGHT_PROPERTY, "1");
    try (NodeStore store = SqliteNodeStore.open(dir.resolve("node.db"));
        LogStorage storage = LogStorage.directory(dir.resolve("log"));
        LogWriter log = LogWriter.builder(LogStorage.directory(dir.resolve("log")))
            .signer(LogCheckpoints.signer(origin, us.logSignerKey())).reader(reader).open();
        Publisher publisher = new Publisher("US", new PeerClient(us, peer), storage, reader, store,
            CosignatureV1.parseVerifier(ru.publicIdentity().witnessKey()), Clock.systemUTC(), receipts::add)) {
      publisher.start();
      for (int i = 1; i <= 3; i++) {
        long size = log.appendAsync(("entry " + i).getBytes(StandardCharsets.UTF_8)).get() + 1;
        publisher.wake(size);
        assertThat(waitFor(receipts, size)).as("receipt for size %d", size).isTrue();
        assertThat(store.latestCosignature("US", "RU").orElseThrow().size()).isEqualTo(size);
      }
    } finally {
      System.clearProperty(Publisher.IN_FLIGHT_PROPERTY);
      server.stop(0);
    }
    assertThat(paths).filteredOn(p -> p.endsWith("-with-entries")).as("tried once, then never again").hasSize(1);
    assertThat(paths).filteredOn(p -> p.endsWith("/witness/add-checkpoint")).hasSizeGreaterThanOrEqualTo(3);
    // one kept-alive connection, not a mutual-TLS handshake per request (D18)
    assertThat(Set.copyOf(clientPorts)).as("client ports of %d requests", paths.size()).hasSize(1);
  }

  /**
   * Two pushes in flight against a witness that answers them on two threads and knows nothing of
   * pipelining: an overtaking request is answered 409 with the size held, and the publisher goes
   * on from there. Every append ends up receipted, the last receipt is of the whole log, and the
   * witness never cosigned a size twice out of order (its state only grew).
   */
  @Test
  @Timeout(90)
  void pipelinedPushesReachTheEndThroughConflicts() throws Exception {
    NodeIdentity us = NodeIdentity.generate(dir.resolve("us"), "new-start", "US");
    NodeIdentity ru = NodeIdentity.generate(dir.resolve("ru"), "new-start", "RU");
    String origin = us.publicIdentity().origin();
    WitnessState state = WitnessState.inMemory();
    Witness witness = witnessOf(us, ru, state);
    List<String> paths = new CopyOnWriteArrayList<>();
    HttpsServer server = plainWitness(ru, us, witness, paths, 2);
    CheckpointReader reader = LogCheckpoints.reader(origin, us.publicIdentity().logKey());
    LinkedBlockingQueue<Long> receipts = new LinkedBlockingQueue<>();
    PeerConfig peer = new PeerConfig(
        "https://127.0.0.1:" + server.getAddress().getPort() + "/", ru.publicIdentity());
    System.setProperty(Publisher.IN_FLIGHT_PROPERTY, "2");
    try (NodeStore store = SqliteNodeStore.open(dir.resolve("node.db"));
        LogStorage storage = LogStorage.directory(dir.resolve("log"));
        LogWriter log = LogWriter.builder(LogStorage.directory(dir.resolve("log")))
            .signer(LogCheckpoints.signer(origin, us.logSignerKey())).reader(reader).open();
        Publisher publisher = new Publisher("US", new PeerClient(us, peer), storage, reader,
            store, CosignatureV1.parseVerifier(ru.publicIdentity().witnessKey()),
            Clock.systemUTC(), receipts::add)) {
      publisher.start();
      long size = 0;
      for (int i = 1; i <= 40; i++) {
        size = log.appendAsync(("entry " + i).getBytes(StandardCharsets.UTF_8)).get() + 1;
        publisher.wake(size);
        Thread.sleep(i % 5); // a stream, so that requests overlap
      }
      assertThat(waitFor(receipts, size)).as("receipt for size %d", size).isTrue();
      assertThat(store.latestCosignature("US", "RU").orElseThrow().size()).isEqualTo(size);
      assertThat(state.latest(origin).orElseThrow().size()).isEqualTo(size);
    } finally {
      System.clearProperty(Publisher.IN_FLIGHT_PROPERTY);
      server.stop(0);
    }
    // the default by the agreement's peers (D91): pipelined for a bilateral or trilateral one
    assertThat(Publisher.inFlightSetting(1)).isEqualTo(2);
    assertThat(Publisher.inFlightSetting(2)).isEqualTo(2);
    assertThat(Publisher.inFlightSetting(3)).isEqualTo(1);
    assertThat(Publisher.inFlightSetting(56)).isEqualTo(1);
    System.setProperty(Publisher.IN_FLIGHT_PROPERTY, "2");
    assertThat(Publisher.inFlightSetting(56)).as("set: wins").isEqualTo(2);
    System.setProperty(Publisher.IN_FLIGHT_PROPERTY, "1");
    assertThat(Publisher.inFlightSetting(1)).as("set: wins").isEqualTo(1);
    System.setProperty(Publisher.IN_FLIGHT_PROPERTY, "3");
    assertThat(Publisher.inFlightSetting(1)).as("not 1 or 2: the default").isEqualTo(2);
    System.clearProperty(Publisher.IN_FLIGHT_PROPERTY);
  }

  /** RU as a plain C2SP witness of US's log. */
  private static Witness witnessOf(NodeIdentity us, NodeIdentity ru, WitnessState state)
      throws Exception {
    return Witness.create(List.of(ru.cosigner(Clock.systemUTC())),
        Map.of(us.publicIdentity().origin(),
            NoteVerifiers.of(NoteKeys.parseVerifier(us.publicIdentity().logKey()))),
        state, Clock.systemUTC());
  }

  private static boolean waitFor(LinkedBlockingQueue<Long> receipts, long size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (Long got; (got = receipts.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
      if (got >= size) {
        return true;
      }
    }
    return false;
  }

  /** A standard witness on the peer port's TLS: only {@code add-checkpoint}, nothing of Verity's. */
  private HttpsServer plainWitness(NodeIdentity self, NodeIdentity client, Witness witness,
      List<String> paths, int threads) throws Exception {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    if (threads > 1) {
      server.setExecutor(Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "plain-witness");
        t.setDaemon(true); // HttpServer.stop leaves its executor to its owner
        return t;
      }));
    }
    var tls = PinnedTls.context(self, () -> Set.of(client.publicIdentity().tlsPin()));
    server.setHttpsConfigurator(new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        var p = tls.getDefaultSSLParameters();
        p.setNeedClientAuth(true);
        params.setSSLParameters(p);
      }
    });
    server.createContext("/", exchange -> {
      paths.add(exchange.getRequestURI().getPath());
      clientPorts.add(exchange.getRemoteAddress().getPort());
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestURI().getPath().equals("/new-start/witness/add-checkpoint")) {
        answer(exchange, witness.addCheckpoint(body));
      } else {
        answer(exchange, new WitnessResponse(404, "text/plain", "not found\n"));
      }
    });
    server.start();
    return server;
  }

  private static void answer(HttpExchange exchange, WitnessResponse r) throws java.io.IOException {
    byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", r.contentType());
    exchange.sendResponseHeaders(r.status(), out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }
}
