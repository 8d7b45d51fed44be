package dev.verity.tlog.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.tlog.Vectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The classic 8-leaf RFC 6962 tree ({@code generated/rfc6962_reference_tree.json}): leaf hashes,
 * every root, and every inclusion and consistency proof for sizes 1–8, generated here and
 * compared byte for byte.
 */
class Rfc6962ReferenceTreeTest {
  private JsonNode v;
  private final MemoryTree tree = new MemoryTree();

  @BeforeEach
  void load() throws IOException {
    v = new ObjectMapper().readTree(
        Vectors.file("generated/rfc6962_reference_tree.json").toFile());
    for (JsonNode leaf : v.get("leaves_hex")) {
      tree.append(HexFormat.of().parseHex(leaf.asText()));
    }
  }

  @Test
  void leafHashesAndRoots() throws IOException {
    for (int i = 0; i < 8; i++) {
      assertThat(tree.nodeHash(0, i).hex()).isEqualTo(v.get("leaf_hashes_hex").get(i).asText());
      assertThat(TreeProofs.root(tree, i + 1).hex())
          .as("root of size %d", i + 1).isEqualTo(v.get("roots_hex").get(i).asText());
    }
  }

  @Test
  void emptyRoot() {
    assertThat(MerkleHash.EMPTY_ROOT.hex()).isEqualTo(v.get("empty_root_hex").asText());
  }

  @Test
  void everyInclusionProof() throws Exception {
    JsonNode proofs = v.get("inclusion");
    assertThat(proofs).isNotNull();
    for (JsonNode p : proofs) {
      long index = p.get("leafIndex").asLong();
      long size = p.get("treeSize").asLong();
      InclusionProof proof = TreeProofs.inclusion(tree, index, size);
      assertThat(hex(proof.path())).as("PATH(%d, %d)", index, size)
          .isEqualTo(strings(p.get("proof_hex")));
      proof.verify(tree.nodeHash(0, index), TreeProofs.root(tree, size));
    }
  }

  @Test
  void everyConsistencyProof() throws Exception {
    JsonNode proofs = v.get("consistency");
    assertThat(proofs).isNotNull();
    for (JsonNode p : proofs) {
      long m = p.get("size1").asLong();
      long n = p.get("size2").asLong();
      ConsistencyProof proof = TreeProofs.consistency(tree, m, n);
      // RFC 9162 §2.1.4.1: equal sizes have the empty proof.
      assertThat(hex(proof.path())).as("PROOF(%d, %d)", m, n)
          .isEqualTo(strings(p.get("proof_hex")));
      proof.verify(TreeProofs.root(tree, m), TreeProofs.root(tree, n));
    }
  }

  private static List<String> hex(List<Hash> hashes) {
    return hashes.stream().map(Hash::hex).toList();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
