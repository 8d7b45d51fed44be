package dev.verity.tlog.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.tlog.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The proof vectors of transparency-dev/merkle ({@code testdata/}): every happy path verifies and
 * every mutated case ({@code wantErr}) is refused, for RFC 9162 inclusion and consistency proofs
 * and for the subtree proofs of draft-ietf-plants-merkle-tree-certs.
 */
class TransparencyDevMerkleVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Cases where Verity is deliberately stricter than the Go library, which accepts them: the Go
   * code never looks at a root it does not need, so a 12-byte "don't care" root passes there; and
   * it accepts an empty subtree [i, i). Verity refuses any hash that is not 32 bytes and any
   * empty subtree (it proves nothing). Each is asserted to be refused, with the reason.
   */
  private static final java.util.Map<String, String> STRICTER = java.util.Map.of(
      "consistency/additional/sizes-are-equal-one-and-proof-is-empty.json", "32 bytes",
      "subtreeconsistency/additional/sizes-are-equal-one-and-proof-is-empty.json", "32 bytes");

  private static String stricterReason(String name) {
    if (STRICTER.containsKey(name)) {
      return STRICTER.get(name);
    }
    return name.startsWith("subtreeconsistency/additional/subtree-is-empty") ? "non-empty" : null;
  }

  @TestFactory
  Stream<DynamicTest> inclusion() throws IOException {
    return cases("inclusion", v -> {
      InclusionProof p = new InclusionProof(
          v.get("leafIdx").asLong(), v.get("treeSize").asLong(), hashes(v.get("proof")));
      p.verify(hash(v, "leafHash"), hash(v, "root"));
    });
  }

  @TestFactory
  Stream<DynamicTest> consistency() throws IOException {
    return cases("consistency", v -> {
      ConsistencyProof p = new ConsistencyProof(
          v.get("size1").asLong(), v.get("size2").asLong(), hashes(v.get("proof")));
      p.verify(hash(v, "root1"), hash(v, "root2"));
    });
  }

  @TestFactory
  Stream<DynamicTest> subtreeInclusion() throws IOException {
    return cases("subtreeinclusion", v -> InclusionProof.verifySubtree(
        v.get("leafIdx").asLong(), v.get("start").asLong(), v.get("end").asLong(),
        hash(v, "leafHash"), hashes(v.get("proof")), hash(v, "root")));
  }

  @TestFactory
  Stream<DynamicTest> subtreeConsistency() throws IOException {
    return cases("subtreeconsistency", v -> ConsistencyProof.verifySubtree(
        v.get("start").asLong(), v.get("end").asLong(), v.get("size").asLong(),
        hashes(v.get("proof")), hash(v, "root1"), hash(v, "root2")));
  }

  @Test
  void theVectorSetsAreAllThere() throws IOException {
    // The shared README promises 98 inclusion and 98 consistency vectors.
    assertThat(files("inclusion")).hasSizeGreaterThanOrEqualTo(98);
    assertThat(files("consistency")).hasSizeGreaterThanOrEqualTo(98);
  }

  interface Check {
    void run(JsonNode vector) throws Exception;
  }

  private static Stream<DynamicTest> cases(String kind, Check check) throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : files(kind)) {
      JsonNode v = JSON.readTree(f.toFile());
      String name = kind + "/" + f.getParent().getFileName() + "/" + f.getFileName();
      boolean wantErr = v.path("wantErr").asBoolean(false);
      String stricter = wantErr ? null : stricterReason(name);
      tests.add(DynamicTest.dynamicTest(name, () -> {
        if (stricter != null) {
          assertThatThrownBy(() -> check.run(v)).as(name)
              .hasMessageMatching("(?s).*(" + stricter + "|32 bytes).*");
        } else if (wantErr) {
          assertThatThrownBy(() -> check.run(v)).as(name)
              .isInstanceOfAny(ProofException.class, IllegalArgumentException.class);
        } else {
          assertThatCode(() -> check.run(v)).as(name).doesNotThrowAnyException();
        }
      }));
    }
    return tests.stream();
  }

  private static List<Path> files(String kind) throws IOException {
    Path dir = Vectors.file("transparency-dev-merkle/testdata/" + kind);
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static Hash hash(JsonNode v, String field) {
    JsonNode n = v.get(field);
    return n == null || n.isNull() ? null : Hash.fromBase64(n.asText());
  }

  private static List<Hash> hashes(JsonNode array) {
    List<Hash> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(Hash.fromBase64(n.asText())));
    }
    return out;
  }
}
