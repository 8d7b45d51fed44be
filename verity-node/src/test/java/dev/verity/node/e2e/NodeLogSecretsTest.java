package dev.verity.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.identity.NodeIdentity;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret reaches a node's log (issue 17): two node processes, one logging JSON lines and one
 * text, through start-up, pinning, a submission delivered and cosigned, requests with a wrong token
 * and with a viewer token where an operator's is needed, and a stop. Then their captured standard
 * output and error are searched for the API tokens, the log and witness signing keys (whole and
 * their base64 key material), and the TLS private key (base64 and hex).
 */
@Timeout(180)
class NodeLogSecretsTest {
  @TempDir Path root;

  @Test
  void tokensAndKeysNeverReachTheLog() throws Exception {
    List<String> secrets = new ArrayList<>();
    try (Cluster cluster = new Cluster(root)) {
      Member us = cluster.init("new-start", "US");
      Member ru = cluster.init("new-start", "RU");
      cluster.pinAll();
      cluster.start(us, Map.of("VERITY_LOG_FORMAT", "json"));
      cluster.start(ru, Map.of("VERITY_LOG_FORMAT", "text"));
      cluster.awaitUp(us);
      cluster.awaitUp(ru);
      for (DemoScenario.Submission s : DemoScenario.submissions("US", 2, 1)) {
        TwoNodeEndToEndTest.submit(us, s);
      }
      Cluster.await("cosigned", Duration.ofSeconds(60), () -> Cluster.allCosigned(us));
      String wrong = "vrt_" + "wrong-token-that-looks-real-0123456789";
      assertThat(Cluster.get(us, "/api/v1/session", wrong).statusCode()).isEqualTo(401);
      assertThat(
              Cluster.post(us, "/api/v1/messages", Cluster.exercise("secrets-2", 2), us.viewer)
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              Cluster.send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  "http://127.0.0.1:"
                                      + us.apiPort
                                      + "/api/v1/session?token="
                                      + us.operator))
                          .GET(),
                      null)
                  .statusCode())
          .isEqualTo(401);
      secrets.add(wrong);
      for (Member m : List.of(us, ru)) {
        secrets.addAll(secretsOf(m));
      }
      cluster.stop(us);
      cluster.stop(ru);
      String usLog = Files.readString(us.dir.resolve("node.log"));
      String ruLog = Files.readString(ru.dir.resolve("node.log"));
      // the captured output is really the node's: its start-up line, then JSON lines or text
      assertThat(usLog).contains("node US running: api http://127.0.0.1:" + us.apiPort);
      assertThat(ruLog).contains("node RU running: api http://127.0.0.1:" + ru.apiPort);
      for (String line : usLog.lines().filter(l -> l.startsWith("{")).toList()) {
        assertThat(new ObjectMapper().readTree(line).has("level")).as(line).isTrue();
      }
      for (String s : secrets) {
        assertThat(usLog).as("US log").doesNotContain(s);
        assertThat(ruLog).as("RU log").doesNotContain(s);
      }
    }
    assertThat(secrets)
        .hasSizeGreaterThanOrEqualTo(15)
        .allSatisfy(s -> assertThat(s).hasSizeGreaterThan(20));
  }

  /** A node's tokens, its signing keys and their key material, and its TLS private key. */
  static List<String> secretsOf(Member m) throws Exception {
    List<String> out = new ArrayList<>(List.of(m.operator, m.viewer));
    for (String key : List.of("log.key", "witness.key")) {
      String signer = Files.readString(m.dir.resolve("keys").resolve(key)).strip();
      out.add(signer);
      // PRIVATE+KEY+<name>+<hash>+<base64 key material> (C2SP signed-note); the base64 itself
      // may contain '+', so the material is everything after the fourth separator
      out.add(signer.split("\\+", 5)[4]);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(m.dir.resolve("keys").resolve("tls.p12"))) {
      ks.load(in, NodeIdentity.storePassword());
    }
    Key tls = ks.getKey(ks.aliases().nextElement(), NodeIdentity.storePassword());
    byte[] pkcs8 = tls.getEncoded();
    out.add(Base64.getEncoder().encodeToString(pkcs8).substring(0, 40));
    out.add(Base64.getMimeEncoder().encodeToString(pkcs8).lines().findFirst().orElseThrow());
    out.add(HexFormat.of().formatHex(pkcs8).substring(0, 40));
    return out;
  }
}
