package dev.verity.tlog.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.tlog.Vectors;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.MemoryTree;
import dev.verity.tlog.merkle.TreeProofs;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteVerifiers;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlogProofTest {
  private static final String ORIGIN = "example.com/log/testdata";
  private static final String TESSERA_VKEY =
      "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";

  private static List<byte[]> tesseraEntries() throws Exception {
    byte[] bundle = Files.readAllBytes(
        Vectors.file("tessera-testdata-log/log/tile/entries/000.p/15"));
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < bundle.length; ) {
      int n = ((bundle[i] & 0xff) << 8) | (bundle[i + 1] & 0xff);
      out.add(Arrays.copyOfRange(bundle, i + 2, i + 2 + n));
      i += 2 + n;
    }
    return out;
  }

  // tessera-testdata-log + generated/cosignature_v1_and_witness_request.json
  // inclusion_proofs_size15_b64: a tlog-proof for each of the 15 entries against the
  // witness-cosigned checkpoint 15 verifies with the log key (the cosignature is carried), and
  // its inclusion path is the golden one.
  @Test
  void tesseraProofsForEveryEntry() throws Exception {
    JsonNode g = new ObjectMapper().readTree(
        Vectors.file("generated/cosignature_v1_and_witness_request.json").toFile());
    String cp = Files.readString(Vectors.file("generated/checkpoint15-cosigned.txt"));
    NoteVerifiers log = NoteVerifiers.of(NoteKeys.parseVerifier(TESSERA_VKEY));
    MemoryTree tree = new MemoryTree();
    List<byte[]> entries = tesseraEntries();
    entries.forEach(tree::append);
    for (int i = 0; i < 15; i++) {
      InclusionProof ip = TreeProofs.inclusion(tree, i, 15);
      List<String> golden = new ArrayList<>();
      g.get("inclusion_proofs_size15_b64").get(Integer.toString(i))
          .forEach(n -> golden.add(n.asText()));
      assertThat(ip.path()).extracting(Hash::base64).containsExactlyElementsOf(golden);
      TlogProof p = TlogProof.of(ip, cp);
      TlogProof parsed = TlogProof.parse(p.format());
      assertThat(parsed).isEqualTo(p);
      assertThat(parsed.format()).isEqualTo(p.format());
      assertThat(parsed.verifyEntry(entries.get(i), ORIGIN, log).checkpoint().size())
          .isEqualTo(15);
      int other = (i + 1) % 15;
      assertThatThrownBy(() -> parsed.verifyEntry(entries.get(other), ORIGIN, log))
          .isInstanceOf(TlogProofException.class).hasMessageContaining("inclusion");
    }
  }

  @Test
  void extraDataRoundTripsAndWrongKeysOrOriginsFail() throws Exception {
    String cp = Files.readString(Vectors.file("tessera-testdata-log/log/checkpoint.15"));
    MemoryTree tree = new MemoryTree();
    List<byte[]> entries = tesseraEntries();
    entries.forEach(tree::append);
    TlogProof p = new TlogProof(Optional.of(new byte[] {1, 2, 3}), 4,
        TreeProofs.inclusion(tree, 4, 15).path(), cp);
    String text = p.format();
    assertThat(text).startsWith("c2sp.org/tlog-proof@v1\nextra AQID\nindex 4\n");
    TlogProof parsed = TlogProof.parse(text);
    assertThat(parsed.extra()).hasValueSatisfying(e -> assertThat(e).containsExactly(1, 2, 3));
    NoteVerifiers log = NoteVerifiers.of(NoteKeys.parseVerifier(TESSERA_VKEY));
    parsed.verifyEntry(entries.get(4), ORIGIN, log);
    assertThatThrownBy(() -> parsed.verifyEntry(entries.get(4), "other.example", log))
        .isInstanceOf(TlogProofException.class).hasMessageContaining("origin");
    NoteVerifiers stranger = NoteVerifiers.of(NoteKeys.parseVerifier(
        NoteKeys.fromSeed(ORIGIN, NoteKeys.TYPE_ED25519, new byte[32]).verifierKey()));
    assertThatThrownBy(() -> parsed.verifyEntry(entries.get(4), ORIGIN, stranger))
        .isInstanceOf(TlogProofException.class).hasMessageContaining("checkpoint");
    TlogProof wrongIndex = new TlogProof(Optional.empty(), 5, p.path(), cp);
    assertThatThrownBy(() -> wrongIndex.verifyEntry(entries.get(4), ORIGIN, log))
        .isInstanceOf(TlogProofException.class);
  }

  // The C2SP tlog-proof spec example (signatures elided with "[...]"): the proof layout
  // parses; its checkpoint is not a verifiable note.
  @Test
  void c2spSpecExampleLayoutParses() throws Exception {
    String example = "c2sp.org/tlog-proof@v1\n"
        + "extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ\n"
        + "index 73894\n"
        + "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\n"
        + "B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=\n"
        + "EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=\n"
        + "RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=\n"
        + "AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=\n"
        + "\n"
        + "example.com/fancylog\n109482\nsFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n\n"
        + "\u2014 example.com/fancylog hI2DJw[...]1roloI=\n";
    TlogProof p = TlogProof.parse(example);
    assertThat(p.index()).isEqualTo(73894);
    assertThat(p.path()).hasSize(5);
    assertThat(p.format()).isEqualTo(example);
  }

  @Test
  void malformedProofsAreRefused() {
    String h = "A".repeat(43) + "=\n";
    String cp = "o\n1\n" + h + "\n\u2014 k AAAAAAA=\n";
    for (String bad : List.of("", "c2sp.org/tlog-proof@v1", "c2sp.org/tlog-proof@v2\nindex 0\n\n"
        + cp, "c2sp.org/tlog-proof@v1\nindex 01\n\n" + cp, "c2sp.org/tlog-proof@v1\nindex -1\n\n"
        + cp, "c2sp.org/tlog-proof@v1\nextra !!\nindex 0\n\n" + cp,
        "c2sp.org/tlog-proof@v1\nindex 0\n" + h, "c2sp.org/tlog-proof@v1\nindex 0\nAAAA\n\n" + cp,
        "c2sp.org/tlog-proof@v1\nindex 0\n\n", "c2sp.org/tlog-proof@v1\n\nindex 0\n\n" + cp,
        "c2sp.org/tlog-proof@v1\nindex 0\n" + h.repeat(64) + "\n" + cp)) {
      assertThatThrownBy(() -> TlogProof.parse(bad)).as(bad)
          .isInstanceOf(TlogProofException.class);
    }
  }
}
