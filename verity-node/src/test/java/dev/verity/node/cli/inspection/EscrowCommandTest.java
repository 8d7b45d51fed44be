package dev.verity.node.cli.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.node.cli.io.CommandFiles;
import dev.verity.node.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscrowCommandTest {
  @TempDir Path dir;
  Path declaration;

  @BeforeEach
  void setUp() throws Exception {
    declaration = dir.resolve("us.json");
    Files.writeString(declaration, DataExchangeJson.write(EscrowBenchCommand.synthetic(40)));
  }

  private Cli.Result commit() {
    return Cli.run("escrow", "commit", "--declaration", declaration.toString(), "--out", dir.resolve("c").toString());
  }

  private Path reveal(String ids) throws Exception {
    Cli.Result r = Cli.run("escrow", "reveal", "--declaration", declaration.toString(), "--salts",
        dir.resolve("c/salts.json").toString(), "--items", ids);
    assertThat(r.exit()).as(r.err()).isZero();
    Path p = dir.resolve("reveals.json");
    Files.writeString(p, r.out());
    return p;
  }

  private Cli.Result verify(Path reveals, String... more) {
    String[] base = {"escrow", "verify", "--commitment", dir.resolve("c/commitment.json").toString(), "--reveals", reveals.toString()};
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return Cli.run(all);
  }

  @Test
  void commitRevealVerifyClean() throws Exception {
    Cli.Result c = commit();
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.out()).contains("new-start-voluntary-2026 US as of 2026-03-01: 40 items committed").contains("warheads").contains("within");
    ObjectNode commitment = (ObjectNode) CommandFiles.STRICT_JSON.readTree(
        dir.resolve("c/commitment.json").toFile());
    assertThat(commitment.get("size").asLong()).isEqualTo(40);
    assertThat(commitment.get("aggregates").get("warheads").asLong()).isEqualTo(39); // 20 ICBMs, 1+2+3+...
    assertThat(commitment.has("salts")).isFalse();
    Cli.Result v = verify(reveal("M-0000003,S-0000007"));
    assertThat(v.exit()).as(v.out() + v.err()).isZero();
    assertThat(v.out()).contains("2 of 2 reveals check");
  }

  @Test
  void aFullRevealIsCheckedAgainstTheCommittedAggregates() throws Exception {
    assertThat(commit().exit()).isZero();
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      ids.append(i == 0 ? "" : ",").append(String.format("M-%07d,S-%07d", i, i));
    }
    Cli.Result v = verify(reveal(ids.toString()), "--facilities-from", declaration.toString());
    assertThat(v.exit()).as(v.out() + v.err()).isZero();
    assertThat(v.out()).contains("40 of 40 reveals check").contains("the committed aggregates match the revealed items");
  }

  @Test
  void badRevealsAreListedByIdentifierWithExitCode3() throws Exception {
    assertThat(commit().exit()).isZero();
    Path p = reveal("M-0000003,M-0000004,S-0000005");
    ArrayNode rs = (ArrayNode) CommandFiles.STRICT_JSON.readTree(p.toFile());
    ((ObjectNode) rs.get(0).get("item")).put("warheads", 9); // altered
    ((ObjectNode) rs.get(1)).put("salt", "00".repeat(32)); // wrong salt
    ((ObjectNode) rs.get(2)).put("index", 0); // proof for another index
    Files.writeString(p, rs.toString());
    Path seen = dir.resolve("seen.json");
    Files.writeString(seen, "[{\"id\": \"M-0000099\"}]");
    Cli.Result v = verify(p, "--observed", seen.toString());
    assertThat(v.exit()).isEqualTo(3);
    assertThat(v.out()).contains("0 of 3 reveals check")
        .contains("BAD M-0000003: does not match the commitment at index 3")
        .contains("BAD M-0000004: does not match the commitment at index 4")
        .contains("BAD S-0000005: does not match the commitment at index 0")
        .contains("BAD M-0000099: seen by the inspectors but not revealed");
  }

  @Test
  void anOpenAgreementIsRefusedInOneLine() throws Exception {
    Cli.Result r = Cli.run("escrow", "commit", "--declaration", declaration.toString(), "--out", dir.resolve("x").toString(),
        "--agreement", "new-start");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("verity: " + declaration + ": agreement new-start publishes declarations in full"
        + " (declarationMode: open), not in escrow\n");
  }

  @Test
  void badInputNamesFileAndField() throws Exception {
    assertThat(commit().exit()).isZero();
    Cli.Result r = Cli.run("escrow", "reveal", "--declaration", declaration.toString(), "--salts",
        dir.resolve("c/salts.json").toString(), "--items", "NOPE");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("item NOPE is not in the declaration").hasLineCount(1);
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "[{\"item\": {\"id\": \"M-1\"}, \"index\": \"first\"}]");
    Cli.Result v = verify(bad);
    assertThat(v.exit()).isEqualTo(1);
    assertThat(v.err()).startsWith("verity: " + bad + ": [0].index: ").hasLineCount(1);
  }

  @Test
  void helpOnEveryCommand() {
    assertThat(Cli.run("escrow", "--help").out()).contains("commit").contains("reveal").contains("verify");
    for (String c : new String[] {"commit", "reveal", "verify"}) {
      assertThat(Cli.run("escrow", c, "--help").exit()).isZero();
    }
  }
}
