package dev.verity.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.config.ConnectionLimits;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.federation.PeerClient;
import dev.verity.node.federation.Push;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PinnedTls;
import dev.verity.node.runtime.Node;
import dev.verity.node.store.Records.Alarm;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.SignedCheckpoint;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.witness.AddCheckpointRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer port of a US node against a hostile RU (pinned, so past the handshake) and against
 * anyone who can reach the port (not pinned): slow clients, too many connections, TLS 1.2, an
 * oversized body, and a flood of bogus pushes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class PeerPortHardeningTest {
  static final int HANDSHAKE_SECONDS = 2;
  static final int PER_ADDRESS = 250;

  @TempDir static Path root;
  Member us;
  Node node;
  NodeIdentity ru;
  String usPin;
  PeerClient asRu;

  @BeforeAll
  void start() throws Exception {
    Cluster c = new Cluster(root);
    us = c.init("new-start", "US");
    Member ruM = c.init("new-start", "RU");
    c.pin(us, ruM, "https://127.0.0.1:1/"); // RU is the test
    NodeConfig cfg = NodeConfig.read(us.dir);
    cfg.withLimits(null, new ConnectionLimits(HANDSHAKE_SECONDS, 2, 30, 4096, PER_ADDRESS), 0)
        .write(us.dir);
    node = Node.start(us.dir);
    ru = NodeIdentity.load(ruM.dir, "new-start", "RU");
    usPin = NodeIdentity.readPublic(us.dir.resolve("identity.json")).tlsPin();
    asRu = Cluster.peerClient(ruM, "new-start", us);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void slowlorisConnectionsAreClosedWithinTheHandshakeTimeout() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    Map<Socket, Long> opened = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      Socket s = new Socket();
      s.connect(new InetSocketAddress("127.0.0.1", node.peerPort()), 2000);
      s.setSoTimeout(1);
      sockets.add(s);
      opened.put(s, System.nanoTime());
    }
    // a TLS record header, then a byte at a time: never a whole ClientHello
    byte[] trickle = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
    long longest = 0;
    long deadline = System.nanoTime() + 20_000_000_000L;
    for (int step = 0; !sockets.isEmpty() && System.nanoTime() < deadline; step++) {
      for (Socket s : List.copyOf(sockets)) {
        if (closedByServer(s, trickle[Math.min(step, trickle.length - 1)])) {
          longest = Math.max(longest, System.nanoTime() - opened.get(s));
          sockets.remove(s);
          s.close();
        }
      }
      Thread.sleep(100);
    }
    assertThat(sockets).as("every trickling connection closed").isEmpty();
    // the configured handshake timeout, the guard's sweep, and the trickle loop's own period
    assertThat(longest / 1e9).isLessThan(HANDSHAKE_SECONDS + 2.0);
    assertThat(asRu.checkpoint()).as("the port still serves pinned peers").isNotEmpty();
  }

  /** Writes one byte and reads: true once the server has closed the connection. */
  private static boolean closedByServer(Socket s, byte b) {
    try {
      OutputStream out = s.getOutputStream();
      out.write(b);
      out.flush();
      return s.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  @Test
  void oneAddressGetsAtMostItsShareOfConnections() throws Exception {
    var tls = PinnedTls.clientFactory(PinnedTls.context(ru, () -> Set.of(usPin)));
    // from an address of its own (all of 127/8 is this machine), so no other test's connection
    // counts
    InetAddress from = InetAddress.getByName("127.0.0.2");
    List<Socket> sockets = new ArrayList<>();
    int refused = 0;
    try {
      for (int i = 0; i < PER_ADDRESS + 20; i++) {
        SSLSocket s =
            (SSLSocket)
                tls.createSocket(InetAddress.getLoopbackAddress(), node.peerPort(), from, 0);
        sockets.add(s);
        s.setSoTimeout(5000);
        try {
          s.startHandshake(); // authenticated: no handshake deadline applies any more
        } catch (IOException e) {
          refused++;
        }
      }
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
    assertThat(refused).as("connections beyond %d from one address", PER_ADDRESS).isEqualTo(20);
  }

  @Test
  void onlyTls13IsSpoken() throws Exception {
    var tls = PinnedTls.context(ru, () -> Set.of(usPin));
    try (SSLSocket s =
        (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", node.peerPort())) {
      s.setEnabledProtocols(new String[] {"TLSv1.2"});
      s.setSoTimeout(5000);
      assertThatThrownBy(s::startHandshake).isInstanceOf(SSLHandshakeException.class);
    }
    try (SSLSocket s =
        (SSLSocket) PinnedTls.clientFactory(tls).createSocket("127.0.0.1", node.peerPort())) {
      s.startHandshake();
      assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
  }

  @Test
  void anOversizedWitnessRequestIsRefusedBeforeItsBodyIsRead() throws Exception {
    var tls = PinnedTls.context(ru, () -> Set.of(usPin));
    try (Socket s = PinnedTls.clientFactory(tls).createSocket("127.0.0.1", node.peerPort())) {
      s.setSoTimeout(5000);
      String head =
          "POST /witness/add-checkpoint HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
              + "Content-Length: 1153433\r\n\r\n";
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush(); // and no body at all: the answer must not wait for it
      InputStream in = s.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 413");
    }
  }

  @Test
  void tenThousandBogusPushesLeaveOneAlarmPerKindAndASmallLog() throws Exception {
    String origin = ru.publicIdentity().origin();
    String forged =
        SignedCheckpoint.sign(
            new Checkpoint(origin, 5, MerkleHash.leaf(new byte[] {1})),
            NoteKeys.generate(origin, NoteKeys.TYPE_ED25519, new SecureRandom()).signerKey());
    String badSignature = new AddCheckpointRequest(0, List.of(), forged).format();
    Map<Integer, Integer> statuses = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      PeerClient.Answer a =
          switch (i % 3) {
            case 0 -> asRu.addCheckpoint(badSignature);
            case 1 -> asRu.addCheckpoint("not an add-checkpoint request " + i);
            // a well-formed request for a log that is not RU's
            default ->
                asRu.addCheckpoint(
                    new Push(
                        ("old 0\n\nexample.com/other\n" + i).getBytes(StandardCharsets.UTF_8),
                        0,
                        List.of()));
          };
      statuses.merge(a.status(), 1, Integer::sum);
    }
    node.alarms().flush();
    assertThat(statuses).as("refused, then backed off").containsKeys(403, 400, 429);
    List<Alarm> alarms = node.store().alarms();
    assertThat(alarms)
        .extracting(Alarm::kind)
        .containsExactlyInAnyOrder("bad-signature", "malformed-request", "wrong-origin");
    assertThat(alarms)
        .allSatisfy(
            a -> {
              assertThat(a.peer()).isEqualTo("RU");
              assertThat(a.count()).isGreaterThanOrEqualTo(2);
              assertThat(a.lastSeen()).isAfterOrEqualTo(a.at());
            });
    assertThat(alarms.stream().mapToLong(Alarm::count).sum())
        .as("%s %s", statuses, alarms)
        .isEqualTo(10_000 - statuses.get(429));
    String log = Cluster.get(us, "/api/v1/log", us.viewer).body();
    assertThat(log.length()).as("GET /api/v1/log").isLessThan(10_000);
    JsonNode parsed = Cluster.JSON.readTree(log);
    assertThat(parsed.path("alarmCount").asLong()).isEqualTo(3);
  }
}
