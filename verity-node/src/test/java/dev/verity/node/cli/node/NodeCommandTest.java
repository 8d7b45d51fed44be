package dev.verity.node.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.node.cli.VerityCommand;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.runtime.Node;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code verity node init|identity|peer add|token create} and the API over TLS. */
class NodeCommandTest {
  @TempDir Path root;

  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = VerityCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void initCreatesKeysConfigAndTokensOnce() throws Exception {
    Path us = root.resolve("us");
    Run r = cli("node", "init", "--party", "US", "--agreement", "new-start", "--dir", us.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("origin:         verity.example/new-start/US").containsPattern("operator token: vt_\\S{43}")
        .containsPattern("viewer token:   vt_\\S{43}");
    assertThat(Files.readString(us.resolve("node.yaml"))).contains("party: \"US\"");
    String db = new String(Files.readAllBytes(us.resolve("node.db")), java.nio.charset.StandardCharsets.ISO_8859_1);
    String op = r.out().lines().filter(l -> l.startsWith("operator token:")).findFirst().orElseThrow().substring(15).trim();
    assertThat(db).as("only the hash is stored").doesNotContain(op);
    assertThat(Files.getPosixFilePermissions(us.resolve("keys/log.key"))).hasSize(2);

    assertThat(cli("node", "init", "--party", "US", "--agreement", "new-start", "--dir", us.toString()).err())
        .contains("already");
    assertThat(cli("node", "init", "--party", "XX", "--agreement", "new-start", "--dir", root.resolve("x").toString()).err())
        .contains("not a Party");
    Run id = cli("node", "identity", "--dir", us.toString());
    assertThat(new ObjectMapper().readTree(id.out()).path("tlsPin").asText()).hasSize(64);
    assertThat(cli("node", "token", "create", "--dir", us.toString(), "--role", "viewer", "--name", "analyst").out())
        .startsWith("vt_");
    assertThat(cli("node", "token", "create", "--dir", us.toString(), "--role", "root", "--name", "x").err())
        .contains("operator or viewer");
    Path ru = root.resolve("ru");
    cli("node", "init", "--party", "RU", "--agreement", "new-start", "--dir", ru.toString());
    assertThat(cli("node", "peer", "add", "--dir", us.toString(), "--identity", ru.resolve("identity.json").toString(),
        "--url", "http://127.0.0.1:1/").err()).contains("mutual TLS");
    assertThat(cli("node", "peer", "add", "--dir", us.toString(), "--identity", us.resolve("identity.json").toString(),
        "--url", "https://127.0.0.1:1/").err()).contains("own Party");
    assertThat(cli("node", "peer", "add", "--dir", us.toString(), "--identity", ru.resolve("identity.json").toString(),
        "--url", "https://127.0.0.1:1/").code()).isZero();
    assertThat(NodeConfig.read(us).peers()).singleElement().satisfies(p -> assertThat(p.party()).isEqualTo("RU"));
  }

  @Test
  void initSaysWhenTheAgreementHasEnded() {
    Run ended = cli("node", "init", "--party", "US", "--agreement", "new-start", "--dir",
        root.resolve("a").toString(), "--exercise", "--exercise-start", "2026-06-01T00:00:00Z");
    assertThat(ended.code()).as(ended.err()).isZero();
    assertThat(ended.out())
        .contains("new-start ended on 2026-02-05 (this node's clock is at 2026-06-01)")
        .contains("its limits read 'expired'");
    Run inForce = cli("node", "init", "--party", "US", "--agreement", "new-start", "--dir",
        root.resolve("b").toString(), "--exercise", "--exercise-start", "2020-03-02T00:00:00Z");
    assertThat(inForce.out()).doesNotContain("ended on");
    Run before = cli("node", "init", "--party", "US", "--agreement", "trilateral-hypothetical",
        "--dir", root.resolve("c").toString(), "--exercise", "--exercise-start",
        "2026-06-01T00:00:00Z");
    assertThat(before.out()).contains("trilateral-hypothetical enters into force on 2027-01-01");
  }

  @Test
  void theApiCanBeServedOverTls() throws Exception {
    Path us = root.resolve("us");
    Run r = cli("node", "init", "--party", "US", "--agreement", "new-start", "--dir", us.toString(), "--api-port", "0",
        "--peer-port", "0");
    String viewer = r.out().lines().filter(l -> l.startsWith("viewer token:")).findFirst().orElseThrow().substring(13).trim();
    NodeConfig c = NodeConfig.read(us);
    new NodeConfig(c.party(), c.agreement(), c.apiHost(), 0, true, c.peerHost(), 0, null, c.maxRequestBytes(), c.peers(), c.exerciseStart())
        .write(us);
    try (Node n = Node.start(us)) {
      var pin = n.identity().publicIdentity().tlsPin();
      HttpClient client = HttpClient.newBuilder()
          .sslContext(dev.verity.node.identity.PinnedTls.context(n.identity(), () -> Set.of(pin))).build();
      HttpResponse<String> resp = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.apiPort()
          + "/api/v1/session")).header("Authorization", "Bearer " + viewer).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).contains("\"role\":\"viewer\"");
    }
  }
}
