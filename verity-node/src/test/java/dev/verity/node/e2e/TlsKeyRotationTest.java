package dev.verity.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.config.PeerConfig;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.identity.NodeIdentity;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS key rotation announced in the log (issue 17), with real processes: RU, stopped, rotates
 * its TLS key ({@code verity node key rotate --tls}) and starts again; it announces the new pin
 * in its log, US takes it into node.yaml by itself (the old pin accepted until the switch), RU
 * presents its old certificate until the announced instant and the new one from then on, and
 * receipts flow both ways after the switch, with no operator editing US's node.yaml.
 */
class TlsKeyRotationTest {
  private static final String AGREEMENT = "trilateral-hypothetical";
  private static final Pattern NEXT = Pattern.compile("next TLS key (\\S+), used from (\\S+);");
  @TempDir Path root;

  @Test
  @Timeout(300)
  void rotatedTlsKeyIsAnnouncedTakenByThePeerAndBothKeepTalking() throws Exception {
    try (Cluster c = new Cluster(root)) {
      String[] clock = {"--exercise", "--exercise-start", "2027-09-02T00:00:00Z"};
      Member us = c.init(AGREEMENT, "US", clock);
      Member ru = c.init(AGREEMENT, "RU", clock);
      c.pin(us, ru, ru.peerUrl());
      c.pin(ru, us, us.peerUrl());
      c.startAll();
      submit(us, 0);
      submit(ru, 1);
      Cluster.await("receipts both ways", Duration.ofSeconds(60),
          () -> Cluster.allCosigned(us) && Cluster.allCosigned(ru));
      String oldPin = ru(us).identity().tlsPin();

      c.stop(ru);
      Matcher m = NEXT.matcher(Cluster.cli("node", "key", "rotate", "--dir", ru.dir.toString(),
          "--tls", "--effective-in", "25"));
      assertThat(m.find()).isTrue();
      String newPin = m.group(1);
      Instant effective = Instant.parse(m.group(2));
      c.start(ru);
      c.awaitUp(ru);
      Cluster.await("US takes RU's announced pin into node.yaml", Duration.ofSeconds(60),
          () -> ru(us).identity().tlsPin().equals(newPin));
      assertThat(Instant.now()).isBefore(effective); // announced before it is used
      assertThat(presentedPin(ru)).isEqualTo(oldPin);
      assertThat(ru(us).tlsPins()).containsExactlyInAnyOrder(oldPin, newPin);

      Thread.sleep(Math.max(0, Duration.between(Instant.now(), effective).toMillis() + 1500));
      assertThat(presentedPin(ru)).isEqualTo(newPin);
      assertThat(ru(us).tlsPins()).containsExactly(newPin);
      submit(us, 2);
      submit(ru, 3);
      Cluster.await("receipts both ways after the switch", Duration.ofSeconds(90),
          () -> Cluster.allCosigned(us) && Cluster.allCosigned(ru));
    }
  }

  private static PeerConfig ru(Member us) throws Exception {
    return WitnessKeyRotationTest.ruAsPinnedBy(us);
  }

  private static void submit(Member m, int i) throws Exception {
    WitnessKeyRotationTest.submit(m, i);
  }

  /** The pin of the certificate RU's peer port presents now (the handshake then fails here). */
  private static String presentedPin(Member m) throws Exception {
    AtomicReference<X509Certificate> seen = new AtomicReference<>();
    SSLContext ctx = SSLContext.getInstance("TLSv1.3");
    ctx.init(null, new TrustManager[] {new Capture(seen)}, null);
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1",
        m.peerPort)) {
      s.setSoTimeout(5000);
      s.startHandshake();
    } catch (IOException e) {
      // no client certificate: the peer port refuses us once it has shown its own
    }
    assertThat(seen.get()).as("the peer port's certificate").isNotNull();
    return NodeIdentity.pin(seen.get());
  }

  /** Trusts nothing, but keeps the server's certificate. */
  private static final class Capture extends X509ExtendedTrustManager {
    private final AtomicReference<X509Certificate> seen;

    Capture(AtomicReference<X509Certificate> seen) {
      this.seen = seen;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {
      seen.set(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
      seen.set(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      seen.set(chain[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
