package dev.verity.tlog.witness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.SignedCheckpoint;
import dev.verity.tlog.cosignature.CosignatureSigner;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.cosignature.CosignatureVerifier;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MemoryTree;
import dev.verity.tlog.merkle.TreeProofs;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteSigner;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.note.SignedNote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitnessTest {
  private static final String ORIGIN = "example.com/log";
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1700000000L),
      ZoneOffset.UTC);

  // torchwood-litewitness/litewitness.txt, in process, against a file state: every step gets
  // torchwood's status except the documented 404 for an unknown origin (see
  // LitewitnessScenario); the final state is size 5 as witnessctl list-logs shows.
  @Test
  void torchwoodLitewitnessScenario(@TempDir Path dir) throws Exception {
    WitnessState state = WitnessState.inDirectory(dir);
    Witness w = LitewitnessScenario.witness(state);
    List<LitewitnessScenario.Step> steps = LitewitnessScenario.steps();
    assertThat(steps).hasSize(9);
    for (LitewitnessScenario.Step s : steps) {
      WitnessResponse r = w.addCheckpoint(s.body().getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).as("step %d: %s", s.index(), r.body()).isEqualTo(s.specStatus());
      if (s.contains() != null) {
        assertThat(r.body()).as("step %d", s.index()).contains(s.contains());
      } else {
        assertThat(r.body()).as("step %d", s.index()).isEqualTo(s.equals());
        assertThat(r.contentType()).isEqualTo("text/x.tlog.size");
      }
    }
    String origin = LitewitnessScenario.logs().keySet().iterator().next();
    assertThat(WitnessState.inDirectory(dir).latest(origin).orElseThrow().size()).isEqualTo(5);
  }

  // generated/cosignature_v1_and_witness_request.json: the add-checkpoint request old 3 -> 15
  // over the Tessera log is accepted by a witness that has seen checkpoint 3, and the answer
  // is the golden cosignature line (same witness key, same time).
  @Test
  void generatedRequestGetsGoldenCosignature() throws Exception {
    var g = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dev.verity.tlog.Vectors
        .file("generated/cosignature_v1_and_witness_request.json").toFile());
    byte[] seed = java.security.MessageDigest.getInstance("SHA-256")
        .digest("tlog research witness seed".getBytes(StandardCharsets.US_ASCII));
    CosignatureSigner cosigner = CosignatureV1.signer("witness.example.com/w1", seed, CLOCK);
    WitnessState state = WitnessState.inMemory();
    String cp3 = java.nio.file.Files.readString(
        dev.verity.tlog.Vectors.file("tessera-testdata-log/log/checkpoint.3"));
    state.compareAndSwap(null, SignedCheckpoint.open(cp3, List.of(g.get("log_vkey").asText()))
        .checkpoint());
    Witness w = Witness.create(List.of(cosigner), Map.of("example.com/log/testdata",
        NoteVerifiers.of(NoteKeys.parseVerifier(g.get("log_vkey").asText()))), state, CLOCK);
    WitnessResponse r = w.addCheckpoint(g.get("add_checkpoint_request_body_old3_to_15").asText()
        .getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(g.get("cosignature_line").asText());
  }

  @Test
  void statusCodesPerSpec() throws Exception {
    NoteKeys.KeyPair log = NoteKeys.fromSeed(ORIGIN, NoteKeys.TYPE_ED25519, new byte[32]);
    NoteSigner logSigner = NoteKeys.parseSigner(log.signerKey());
    CosignatureSigner cosigner = CosignatureV1.signer("w.example", new byte[32], CLOCK);
    WitnessState state = WitnessState.inMemory();
    Witness w = Witness.create(List.of(cosigner),
        Map.of(ORIGIN, NoteVerifiers.of(NoteKeys.parseVerifier(log.verifierKey()))), state,
        CLOCK);
    MemoryTree tree = new MemoryTree();
    for (int i = 0; i < 4; i++) {
      tree.append(("e" + i).getBytes(StandardCharsets.UTF_8));
    }
    String cp4 = signed(new Checkpoint(ORIGIN, 4, tree.root()), logSigner);

    // 400: malformed body; old size beyond the checkpoint size.
    assertThat(w.addCheckpoint("garbage".getBytes()).status()).isEqualTo(400);
    assertThat(w.addCheckpoint(req(5, List.of(), cp4)).status()).isEqualTo(400);
    // 403: not signed by the log's key (signed by another key with the log's name).
    NoteSigner other = NoteKeys.parseSigner(
        NoteKeys.fromSeed(ORIGIN, NoteKeys.TYPE_ED25519, new byte[] {
            1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}).signerKey());
    assertThat(w.addCheckpoint(req(0, List.of(),
        signed(new Checkpoint(ORIGIN, 4, tree.root()), other))).status()).isEqualTo(403);
    // 404: unknown origin.
    assertThat(w.addCheckpoint(req(0, List.of(),
        signed(new Checkpoint("unknown.example", 4, tree.root()), logSigner))).status())
        .isEqualTo(404);
    // 422: old 0 with a non-empty proof.
    assertThat(w.addCheckpoint(req(0, List.of(tree.root()), cp4)).status()).isEqualTo(422);
    // 200: old 0, empty proof; the cosignature verifies over the checkpoint body.
    WitnessResponse ok = w.addCheckpoint(req(0, List.of(), cp4));
    assertThat(ok.status()).isEqualTo(200);
    CosignatureVerifier cv = CosignatureV1.parseVerifier(cosigner.verifierKey());
    var sig = SignedNote.parse(cp4 + ok.body()).signatures().get(1);
    assertThat(cv.verifyCosignature(new Checkpoint(ORIGIN, 4, tree.root()).format(), sig))
        .isEqualTo(1700000000L);
    // 409: old size is not the latest (4), body "4\n" with text/x.tlog.size.
    WitnessResponse conflict = w.addCheckpoint(req(0, List.of(), cp4));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.body()).isEqualTo("4\n");
    assertThat(conflict.contentType()).isEqualTo("text/x.tlog.size");
    // 200: same size, same root (re-cosigning is allowed).
    assertThat(w.addCheckpoint(req(4, List.of(), cp4)).status()).isEqualTo(200);
    // 422: same size, different root (a fork). Deliberate: the tlog-witness text we follow
    // answers 422; torchwood's scenario predates that change (it said 409).
    String fork = signed(new Checkpoint(ORIGIN, 4, Hash.of(new byte[32])), logSigner);
    assertThat(w.addCheckpoint(req(4, List.of(), fork)).status()).isEqualTo(422);
    // 422 then 200: bad and good consistency proofs 4 -> 7.
    for (int i = 4; i < 7; i++) {
      tree.append(("e" + i).getBytes(StandardCharsets.UTF_8));
    }
    String cp7 = signed(new Checkpoint(ORIGIN, 7, tree.root()), logSigner);
    List<Hash> proof = TreeProofs.consistency(tree, 4, 7).path();
    List<Hash> bad = new java.util.ArrayList<>(proof);
    bad.set(0, Hash.of(new byte[32]));
    assertThat(w.addCheckpoint(req(4, bad, cp7)).status()).isEqualTo(422);
    assertThat(w.addCheckpoint(req(4, proof, cp7)).status()).isEqualTo(200);
    assertThat(state.latest(ORIGIN).orElseThrow().size()).isEqualTo(7);
  }

  private static String signed(Checkpoint c, NoteSigner s) throws Exception {
    return SignedCheckpoint.sign(c, List.of(s));
  }

  private static byte[] req(long old, List<Hash> proof, String cp) {
    return new AddCheckpointRequest(old, proof, cp).format().getBytes(StandardCharsets.UTF_8);
  }
}
