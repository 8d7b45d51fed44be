package dev.verity.tlog.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.tlog.Vectors;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MemoryTree;
import dev.verity.tlog.merkle.TreeProofs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddCheckpointRequestTest {
  // generated/cosignature_v1_and_witness_request.json: the request old 3 -> 15 over the Tessera
  // log, built from checkpoint 15 and the consistency proof of the same tree, byte for byte.
  @Test
  void generatedRequestOld3To15ByteForByte() throws Exception {
    JsonNode g = new ObjectMapper().readTree(
        Vectors.file("generated/cosignature_v1_and_witness_request.json").toFile());
    String expected = g.get("add_checkpoint_request_body_old3_to_15").asText();
    assertThat(Files.readString(Vectors.file("generated/add-checkpoint-request.txt")))
        .isEqualTo(expected);
    MemoryTree tree = new MemoryTree();
    // The entries as Tessera wrote them (its words are spelled its way: "eit", "nain", ...):
    // the entry bundle is a sequence of u16 big-endian length-prefixed entries.
    byte[] bundle =
        Files.readAllBytes(Vectors.file("tessera-testdata-log/log/tile/entries/000.p/15"));
    for (int i = 0; i < bundle.length; ) {
      int n = ((bundle[i] & 0xff) << 8) | (bundle[i + 1] & 0xff);
      tree.append(java.util.Arrays.copyOfRange(bundle, i + 2, i + 2 + n));
      i += 2 + n;
    }
    assertThat(tree.size()).isEqualTo(15);
    List<Hash> proof = TreeProofs.consistency(tree, 3, 15).path();
    List<String> golden = new ArrayList<>();
    g.get("consistency_proof_3_to_15_b64").forEach(n -> golden.add(n.asText()));
    assertThat(proof).extracting(Hash::base64).containsExactlyElementsOf(golden);
    String cp15 = Files.readString(Vectors.file("tessera-testdata-log/log/checkpoint.15"));
    assertThat(new AddCheckpointRequest(3, proof, cp15).format()).isEqualTo(expected);
    AddCheckpointRequest parsed = AddCheckpointRequest.parse(expected);
    assertThat(parsed.oldSize()).isEqualTo(3);
    assertThat(parsed.proof()).isEqualTo(proof);
    assertThat(parsed.checkpoint()).isEqualTo(cp15);
  }

  // c2sp-examples/add-checkpoint-request-example.txt: the spec's example parses and round-trips
  // (its hashes and signatures are illustrative, so nothing is verified).
  @Test
  void c2spExampleParses() throws Exception {
    String s = Files.readString(Vectors.file("c2sp-examples/add-checkpoint-request-example.txt"));
    AddCheckpointRequest r = AddCheckpointRequest.parse(s.getBytes(StandardCharsets.UTF_8));
    assertThat(r.oldSize()).isEqualTo(20852014L);
    assertThat(r.proof()).hasSize(4);
    assertThat(r.checkpoint()).startsWith("example.com/behind-the-sofa\n20852163\n");
    assertThat(r.format()).isEqualTo(s);
  }

  @Test
  void malformedRequestsAreRefused() {
    String h = "A".repeat(43) + "=\n";
    String cp = "o\n1\n" + h + "\n\u2014 k AAAAAAA=\n";
    List<String> bad = new ArrayList<>(List.of("", "old 1", "old 01\n\n" + cp, "old -1\n\n" + cp,
        "old 1\n" + h, "old 1\n" + h.replace("=", "") + "\n" + cp, "old 1\nAAAA\n\n" + cp,
        "old 1\n\n", "new 1\n\n" + cp, "old  1\n\n" + cp, "old 1\r\n\n" + cp));
    bad.add("old 1\n" + h.repeat(64) + "\n" + cp);
    for (String b : bad) {
      assertThatThrownBy(() -> AddCheckpointRequest.parse(b)).as(b)
          .isInstanceOf(WitnessException.class);
    }
    assertThatThrownBy(() -> AddCheckpointRequest.parse(new byte[] {'o', 'l', 'd', ' ',
        (byte) 0xff})).isInstanceOf(WitnessException.class);
  }

  @Test
  void sixtyThreeProofLinesAreAccepted() throws Exception {
    String h = "A".repeat(43) + "=\n";
    assertThat(AddCheckpointRequest.parse("old 1\n" + h.repeat(63) + "\ncp\n").proof())
        .hasSize(63);
  }
}
