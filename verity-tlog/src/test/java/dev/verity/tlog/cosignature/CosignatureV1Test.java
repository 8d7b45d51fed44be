package dev.verity.tlog.cosignature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.tlog.Vectors;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteSignature;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.note.VerifiedNote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CosignatureV1Test {
  private static final Clock T1700000000 =
      Clock.fixed(Instant.ofEpochSecond(1700000000L), ZoneOffset.UTC);

  private static JsonNode generated() throws Exception {
    return new ObjectMapper().readTree(
        Vectors.file("generated/cosignature_v1_and_witness_request.json").toFile());
  }

  // generated/cosignature_v1_and_witness_request.json: the deterministic cosignature over
  // Tessera checkpoint 15 at time 1700000000 by the witness whose seed is
  // SHA-256("tlog research witness seed").
  @Test
  void generatedCosignatureOverTesseraCheckpoint15() throws Exception {
    JsonNode g = generated();
    byte[] seed = MessageDigest.getInstance("SHA-256")
        .digest("tlog research witness seed".getBytes(StandardCharsets.US_ASCII));
    assertThat(HexFormat.of().formatHex(seed)).isEqualTo(g.get("witness_seed_hex").asText());
    CosignatureSigner w = CosignatureV1.signer(g.get("witness_name").asText(), seed, T1700000000);
    assertThat(w.verifierKey()).isEqualTo(g.get("witness_vkey_type04").asText());
    assertThat(NoteKeys.hex8(w.keyId())).isEqualTo(g.get("witness_key_id_hex").asText());

    String body = g.get("cosigned_checkpoint_body").asText();
    long t = g.get("cosignature_timestamp").asLong();
    assertThat(new String(CosignatureV1.signedMessage(body, t), StandardCharsets.UTF_8))
        .isEqualTo(g.get("cosignature_signed_message").asText());
    NoteSignature line = w.cosign(body, t);
    assertThat(line.line()).isEqualTo(g.get("cosignature_line").asText());

    // The same through the note signer interface, with the clock at 1700000000.
    String logSigned = Files.readString(Vectors.file("tessera-testdata-log/log/checkpoint.15"));
    String cosigned = SignedNote.parse(logSigned).addSignatures(List.of(w)).format();
    assertThat(cosigned).isEqualTo(g.get("checkpoint_with_cosignature").asText())
        .isEqualTo(Files.readString(Vectors.file("generated/checkpoint15-cosigned.txt")));

    CosignatureVerifier v = CosignatureV1.parseVerifier(g.get("witness_vkey_type04").asText());
    VerifiedNote n = SignedNote.open(cosigned, NoteVerifiers.of(v,
        NoteKeys.parseVerifier(g.get("log_vkey").asText())));
    assertThat(n.verifiedNames()).containsExactly("example.com/log/testdata",
        "witness.example.com/w1");
    assertThat(v.verifyCosignature(body, n.verified().get(1))).isEqualTo(1700000000L);
    assertThatThrownBy(() -> v.verifyCosignature(body.replace("15", "16"), n.verified().get(1)))
        .isInstanceOf(CosignatureException.class);
  }

  // transparency-dev-formats/vectors.json cosignature_vkeys: a legacy 0x01-typed vkey is
  // accepted and its key ID re-derived with type 0x04; a native 0x04 vkey keeps its key ID.
  @Test
  void transparencyDevFormatsCosignatureKeys() throws Exception {
    JsonNode v = new ObjectMapper().readTree(
        Vectors.file("transparency-dev-formats/vectors.json").toFile());
    String legacy = v.get("cosignature_vkeys").get(0).get("vkey").asText();
    String native04 = v.get("cosignature_vkeys").get(1).get("vkey").asText();
    CosignatureVerifier l = CosignatureV1.parseVerifier(legacy);
    assertThat(NoteKeys.hex8(l.keyId())).isNotEqualTo("7997405c")
        .isEqualTo(NoteKeys.hex8(NoteKeys.keyId("TEST", NoteKeys.TYPE_COSIGNATURE_V1,
            l.publicKey())));
    CosignatureVerifier r = CosignatureV1.parseVerifier(native04);
    assertThat(NoteKeys.hex8(r.keyId())).isEqualTo("da77ade7");
    assertThat(r.verifierKey()).isEqualTo(native04);
    assertThat(CosignatureV1.parseAnyVerifier(native04)).isInstanceOf(CosignatureVerifier.class);
    assertThat(CosignatureV1.parseAnyVerifier(legacy))
        .isNotInstanceOf(CosignatureVerifier.class);
  }

  // transparency-dev-formats/vectors.json witness_test_keys_go_format: Go key pairs agree, and
  // each (0x01) signer key works as a legacy cosigner verified by its 0x01 vkey.
  @Test
  void transparencyDevFormatsWitnessKeyPairs() throws Exception {
    JsonNode k = new ObjectMapper().readTree(
        Vectors.file("transparency-dev-formats/vectors.json").toFile())
        .get("witness_test_keys_go_format");
    String body = "example.com/log\n1\n" + "A".repeat(43) + "=\n";
    for (int i = 1; i <= 3; i++) {
      String skey = k.get("wit" + i + "_skey").asText();
      String vkey = k.get("wit" + i + "_vkey").asText();
      assertThat(NoteKeys.verifierKeyOf(skey)).isEqualTo(vkey);
      CosignatureSigner s = CosignatureV1.parseSigner(skey, T1700000000);
      CosignatureVerifier v = CosignatureV1.parseVerifier(vkey);
      assertThat(s.keyId()).isEqualTo(v.keyId());
      assertThat(v.verifyCosignature(body, s.cosign(body, 42))).isEqualTo(42);
    }
  }

  // c2sp-examples/checkpoint-with-cosignature-example.txt: layout only (keys unpublished).
  @Test
  void c2spCosignatureExampleLayout() throws Exception {
    SignedNote n = SignedNote.parse(Files.readString(
        Vectors.file("c2sp-examples/checkpoint-with-cosignature-example.txt")));
    Checkpoint c = Checkpoint.parse(n.text());
    assertThat(c.origin()).isEqualTo("example.com/behind-the-sofa");
    NoteSignature log = n.signatures().get(0);
    NoteSignature wit = n.signatures().get(1);
    assertThat(NoteKeys.hex8(log.keyId())).isEqualTo("033de0ae");
    assertThat(log.signature()).hasSize(64);
    assertThat(NoteKeys.hex8(wit.keyId())).isEqualTo("8d66cf3f");
    assertThat(wit.signature()).hasSize(CosignatureV1.SIGNATURE_SIZE);
    assertThat(CosignatureV1.timestampOf(wit.signature())).isEqualTo(1679315147L);
  }

  @Test
  void badKeysAndSignaturesAreRefused() throws Exception {
    NoteKeys.KeyPair kp = NoteKeys.fromSeed("w", NoteKeys.TYPE_COSIGNATURE_V1, new byte[32]);
    CosignatureVerifier v = CosignatureV1.parseVerifier(kp.verifierKey());
    assertThat(v.verify("x\n".getBytes(), new byte[72])).isFalse();
    assertThat(v.verify("x\n".getBytes(), new byte[73])).isFalse();
    byte[] negative = new byte[72];
    negative[0] = (byte) 0x80;
    assertThatThrownBy(() -> CosignatureV1.timestampOf(negative))
        .isInstanceOf(CosignatureException.class);
    String wrongType = NoteKeys.fromSeed("w", (byte) 0x02, new byte[32]).verifierKey();
    assertThatThrownBy(() -> CosignatureV1.parseVerifier(wrongType))
        .isInstanceOf(CosignatureException.class);
    assertThatThrownBy(() -> CosignatureV1.parseVerifier(kp.verifierKey().replace("+", "+1")))
        .isInstanceOf(CosignatureException.class);
    CosignatureSigner s = CosignatureV1.parseSigner(kp.signerKey(), T1700000000);
    assertThat(s.verifierKey()).isEqualTo(kp.verifierKey());
  }
}
