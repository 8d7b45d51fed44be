package dev.verity.node.cli.node;

import static dev.verity.node.cli.node.NodeCommandTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.node.config.NodeConfig;
import dev.verity.node.cli.node.NodeCommandTest.Run;
import dev.verity.node.runtime.Node;
import dev.verity.node.runtime.NodeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node serving an agreement defined in a YAML file ({@code agreementFile} in node.yaml). */
class NodeAgreementFileTest {
  static final String TALKS = """
      id: talks-3
      title: "HYPOTHETICAL: three participants"
      hypothetical: true
      entryIntoForce: 2020-01-01
      parties:
        - {id: P01, name: Participant 1, role: party}
        - {id: P02, name: Participant 2, role: party}
        - {id: MD, name: Mediator, role: mediator}
      messages:
        - id: bomber-exercise
          name: notification of a major exercise
          effect: none
          fields: {eventTime: instant}
      """;

  @TempDir Path root;

  private Path init(String party) throws Exception {
    Path file = root.resolve("talks-3.yaml");
    Files.writeString(file, TALKS);
    Path dir = root.resolve(party);
    Run r = cli("node", "init", "--party", party, "--agreement", file.toString(), "--dir",
        dir.toString(), "--api-port", "0", "--peer-port", "0");
    assertThat(r.code()).as(r.err()).isZero();
    return dir;
  }

  @Test
  void aNodeStartsFromAnAgreementFile() throws Exception {
    Path dir = init("P01");
    NodeConfig c = NodeConfig.read(dir);
    assertThat(c.agreement()).isEqualTo("talks-3");
    assertThat(c.agreementFile()).isEqualTo(root.resolve("talks-3.yaml").toString());
    try (Node n = Node.start(dir)) {
      assertThat(n.agreement().id()).isEqualTo("talks-3");
      assertThat(n.agreement().parties()).hasSize(3);
      assertThat(n.identity().publicIdentity().origin()).isEqualTo("verity.example/talks-3/P01");
    }
  }

  @Test
  void initRefusesAPartyTheFileDoesNotName() throws Exception {
    Files.writeString(root.resolve("talks-3.yaml"), TALKS);
    Run r = cli("node", "init", "--party", "P09", "--agreement",
        root.resolve("talks-3.yaml").toString(), "--dir", root.resolve("x").toString());
    assertThat(r.err()).contains("--party P09: not a Party of").contains("[P01, P02, MD]");
  }

  @Test
  void aBadFileIsNamedInPlainWordsAtStart() throws Exception {
    Path dir = init("P01");
    Path file = root.resolve("talks-3.yaml");
    Files.writeString(file, TALKS.replace("messages:", "mesages:"));
    assertThatThrownBy(() -> Node.start(dir)).isInstanceOf(NodeException.class)
        .hasMessageContaining("agreementFile: " + file + ": ").hasMessageContaining("mesages")
        .hasMessageNotContaining("com.fasterxml").hasMessageNotContaining("Exception");
    Files.writeString(file, TALKS.replace("id: talks-3", "id: talks-4"));
    assertThatThrownBy(() -> Node.start(dir))
        .hasMessageContaining("defines 'talks-4', but agreement is 'talks-3'");
    Files.writeString(file, TALKS.replace("{id: P01", "{id: P07"));
    assertThatThrownBy(() -> Node.start(dir))
        .hasMessageContaining("party: P01 is not a participant of talks-3 [P07, P02, MD]");
    Files.delete(file);
    assertThatThrownBy(() -> Node.start(dir))
        .hasMessageContaining("agreementFile: " + file + ": no such file");
  }
}
