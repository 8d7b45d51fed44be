package dev.verity.node.cli.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.selection.Canonical;
import dev.verity.core.selection.SecretCommitment;
import dev.verity.core.selection.Selection;
import dev.verity.core.selection.SelectionInputs;
import dev.verity.core.selection.SelectionProcedure;
import dev.verity.node.cli.io.CommandFiles;
import dev.verity.node.testing.Cli;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectionCommandTest {

  static Path example(Path dir) throws Exception {
    Path p = dir.resolve("inputs.json");
    try (InputStream in = InspectionCommandTest.class.getResourceAsStream("example-1.json")) {
      Files.copy(in, p);
    }
    return p;
  }

  @Test
  void recomputesTheGoldenExample(@TempDir Path dir) throws Exception {
    Cli.Result r = Cli.run("inspection", "recompute-selection", "--inputs", example(dir).toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("seed       8a5cdafdc91467923bbf897ab49df170aae171e4bd8fcfdbe5025a951cf941bb")
        .contains("site       BASE-A").contains("missile    M-1").contains("bombers    B-3, B-6");
  }

  @Test
  void anIndependentRecomputationMatchesTheParties(@TempDir Path dir) throws Exception {
    // the Parties derive a selection with fresh secrets; a third party recomputes it from the file
    ObjectNode in = (ObjectNode) CommandFiles.STRICT_JSON.readTree(example(dir).toFile());
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    new java.security.SecureRandom().nextBytes(a);
    new java.security.SecureRandom().nextBytes(b);
    ((ObjectNode) in.get("inspecting")).put("secret", Canonical.hex(a))
        .put("commitment", Canonical.hex(SecretCommitment.commit("US", "example-1", a)));
    ((ObjectNode) in.get("inspected")).put("secret", Canonical.hex(b))
        .put("commitment", Canonical.hex(SecretCommitment.commit("RU", "example-1", b)));
    Path f = dir.resolve("fresh.json");
    CommandFiles.STRICT_JSON.writeValue(f.toFile(), in);
    Selection parties = SelectionProcedure.derive(CommandFiles.STRICT_JSON.treeToValue(in,
        SelectionInputs.class));
    Cli.Result r = Cli.run("inspection", "recompute-selection", "--inputs", f.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(CommandFiles.STRICT_JSON.readValue(r.out(), Selection.class)).isEqualTo(parties);
  }

  @Test
  void aWrongRevealExitsNonZeroNamingTheParty(@TempDir Path dir) throws Exception {
    ObjectNode in = (ObjectNode) CommandFiles.STRICT_JSON.readTree(example(dir).toFile());
    ((ObjectNode) in.get("inspecting")).put("secret", Canonical.hex(new byte[32]));
    Path f = dir.resolve("cheat.json");
    CommandFiles.STRICT_JSON.writeValue(f.toFile(), in);
    Cli.Result r = Cli.run("inspection", "recompute-selection", "--inputs", f.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("reveal by US rejected: US revealed a secret that does not match its commitment");
    assertThat(r.err()).doesNotContain("Exception").hasLineCount(1);
  }

  @Test
  void badInputIsOneLineNamingFileAndField(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"inspection\": \"x\", \"bomberCount\": \"many\"}");
    Cli.Result r = Cli.run("inspection", "recompute-selection", "--inputs", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("verity: " + f + ": bomberCount: ").hasLineCount(1);
    Files.writeString(f, "{\"inspection\": ");
    assertThat(Cli.run("inspection", "recompute-selection", "--inputs", f.toString()).err()).contains("malformed JSON").hasLineCount(1);
    Files.writeString(f, "{\"inspection\": \"x\"}");
    assertThat(Cli.run("inspection", "recompute-selection", "--inputs", f.toString()).err())
        .isEqualTo("verity: " + f + ": inspecting.party: missing\n");
    assertThat(Cli.run("inspection", "recompute-selection", "--inputs", dir.resolve("none.json").toString()).err())
        .startsWith("verity: no such file: ");
  }

  @Test
  void helpOnEveryCommand() {
    assertThat(Cli.run("inspection", "--help").out()).contains("recompute-selection");
    assertThat(Cli.run("inspection", "recompute-selection", "--help").out()).contains("--inputs").contains("Exit codes");
  }
}
