package dev.verity.tlog.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.tlog.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedNoteTest {
  private static final String PETER_VKEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  private static final String PETER_SKEY =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  private static final String TEXT = "If you think cryptography is the answer to your problem,\n"
      + "then you don't know what your problem is.\n";

  private static JsonNode goVectors() throws IOException {
    return new ObjectMapper().readTree(Vectors.file("golang-x-mod/note_vectors.json").toFile());
  }

  // golang-x-mod/note_vectors.json, TestSign: Ed25519 is deterministic, so the bytes must match.
  @Test
  void goTestSignProducesExactNote() throws Exception {
    JsonNode v = goVectors();
    String expected = v.get("signed_notes").get(0).get("note").asText();
    String skey = v.get("keys").get("PeterNeumann").get("skey_go_format").asText();
    assertThat(SignedNote.sign(TEXT, NoteKeys.parseSigner(skey)).format()).isEqualTo(expected);
  }

  // golang-x-mod/note_vectors.json, TestOpen cases: outcomes as Go's note.Open.
  @Test
  void goTestOpenOutcomes() throws Exception {
    JsonNode v = goVectors();
    int checked = 0;
    for (JsonNode c : v.get("signed_notes")) {
      List<NoteVerifier> vs = new ArrayList<>();
      for (JsonNode name : c.get("verifiers")) {
        vs.add(NoteKeys.parseVerifier(v.get("keys").get(name.asText()).get("vkey").asText()));
      }
      NoteVerifiers known = NoteVerifiers.of(vs);
      String note = c.get("note").asText();
      String expect = c.get("expect").asText();
      String desc = c.get("desc").asText();
      if (expect.equals("ok")) {
        VerifiedNote n = SignedNote.open(note, known);
        assertThat(n.text()).as(desc).isEqualTo(TEXT);
        assertThat(n.verifiedNames()).as(desc)
            .containsExactlyElementsOf(names(c.get("expect_verified")));
        if (c.has("expect_unverified")) {
          assertThat(n.unverified()).as(desc).extracting(NoteSignature::name)
              .containsExactlyElementsOf(names(c.get("expect_unverified")));
        }
      } else {
        NoteException.Reason reason = switch (expect) {
          case "error:unverified" -> NoteException.Reason.UNVERIFIED;
          case "error:malformed" -> NoteException.Reason.MALFORMED;
          case "error:invalid-signature" -> NoteException.Reason.INVALID_SIGNATURE;
          default -> throw new AssertionError("unknown expectation " + expect);
        };
        assertThatThrownBy(() -> SignedNote.open(note, known)).as(desc)
            .isInstanceOfSatisfying(NoteException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
      }
      checked++;
    }
    assertThat(checked).isEqualTo(6);
  }

  // golang-x-mod/note_vectors.json, malformed_notes_expect_error (the 0xFF case is described in
  // words there; it is built here as Go's test builds it: a 0xFF byte before a valid note).
  @Test
  void goMalformedNotesAreRefused() throws Exception {
    JsonNode v = goVectors();
    NoteVerifiers peter = NoteVerifiers.of(NoteKeys.parseVerifier(PETER_VKEY));
    int n = 0;
    for (JsonNode m : v.get("malformed_notes_expect_error")) {
      byte[] bytes;
      if (m.asText().startsWith("\\xff")) {
        byte[] good = v.get("signed_notes").get(0).get("note").asText()
            .getBytes(StandardCharsets.UTF_8);
        bytes = new byte[good.length + 1];
        bytes[0] = (byte) 0xff;
        System.arraycopy(good, 0, bytes, 1, good.length);
      } else {
        bytes = m.asText().getBytes(StandardCharsets.UTF_8);
      }
      assertThatThrownBy(() -> SignedNote.parse(bytes).verify(peter)).as(m.asText())
          .isInstanceOfSatisfying(NoteException.class,
              e -> assertThat(e.reason()).isEqualTo(NoteException.Reason.MALFORMED));
      n++;
    }
    assertThat(n).isEqualTo(7);
  }

  // c2sp-examples/signed-note-example.*: the spec's example verifies with its vkey.
  @Test
  void c2spSignedNoteExampleVerifies() throws Exception {
    String note = Files.readString(Vectors.file("c2sp-examples/signed-note-example.txt"));
    String vkey = Files.readString(Vectors.file("c2sp-examples/signed-note-example.vkey")).strip();
    VerifiedNote n = SignedNote.open(note, NoteVerifiers.of(NoteKeys.parseVerifier(vkey)));
    assertThat(n.text()).isEqualTo("This is an example message.\n");
    assertThat(n.verified()).singleElement()
        .satisfies(s -> assertThat(NoteKeys.hex8(s.keyId())).isEqualTo("530d903a"));
  }

  @Test
  void unknownLinesAreCarriedAndRoundTrip() throws Exception {
    String note = SignedNote.sign(TEXT, NoteKeys.parseSigner(PETER_SKEY)).format()
        + "\u2014 rekor.sigstore.dev wNI9ajBGAiEAlWUH2HSPa6IMIRBgFcIXph3Mj9xM70WR0VVADvGIl/oCIQCg"
        + "fvUUjR/X5jewlqpAWI8NuJIicKpTG64vo6UM5fpSgQ==\n";
    SignedNote parsed = SignedNote.parse(note);
    assertThat(parsed.format()).isEqualTo(note);
    VerifiedNote v = parsed.verify(NoteVerifiers.of(NoteKeys.parseVerifier(PETER_VKEY)));
    assertThat(v.unverified()).extracting(NoteSignature::name)
        .containsExactly("rekor.sigstore.dev");
  }

  @Test
  void addSignaturesKeepsExistingThenAppendsNew() throws Exception {
    NoteKeys.KeyPair other = NoteKeys.fromSeed("other.example", NoteKeys.TYPE_ED25519,
        new byte[32]);
    SignedNote one = SignedNote.sign(TEXT, NoteKeys.parseSigner(other.signerKey()));
    SignedNote two = one.addSignatures(List.of(NoteKeys.parseSigner(PETER_SKEY)));
    assertThat(two.signatures()).extracting(NoteSignature::name)
        .containsExactly("other.example", "PeterNeumann");
    // Re-signing by the same key replaces its signature rather than duplicating it.
    assertThat(two.addSignatures(List.of(NoteKeys.parseSigner(PETER_SKEY))).signatures())
        .hasSize(2);
    VerifiedNote v = two.verify(NoteVerifiers.of(NoteKeys.parseVerifier(PETER_VKEY),
        NoteKeys.parseVerifier(other.verifierKey())));
    assertThat(v.verifiedNames()).containsExactly("other.example", "PeterNeumann");
  }

  @Test
  void signRefusesTextsThatAreNotNoteTexts() throws Exception {
    NoteSigner s = NoteKeys.parseSigner(PETER_SKEY);
    for (String bad : List.of("", "no newline", "tab\there\n", "cr\r\n")) {
      assertThatThrownBy(() -> SignedNote.sign(bad, s)).as(bad)
          .isInstanceOf(NoteException.class);
    }
  }

  @Test
  void sameNameDifferentKeyIdIsUnknownNotInvalid() throws Exception {
    // C2SP signed-note: a signature sharing only the name with a known key is ignored.
    NoteKeys.KeyPair impostor = NoteKeys.fromSeed("PeterNeumann", NoteKeys.TYPE_ED25519,
        new byte[32]);
    String note = SignedNote.sign(TEXT, NoteKeys.parseSigner(impostor.signerKey()),
        NoteKeys.parseSigner(PETER_SKEY)).format();
    VerifiedNote v = SignedNote.open(note, NoteVerifiers.of(NoteKeys.parseVerifier(PETER_VKEY)));
    assertThat(v.verified()).hasSize(1);
    assertThat(v.unverified()).hasSize(1);
  }

  @Test
  void sixteenSignaturesAreAccepted() throws Exception {
    List<NoteSigner> signers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) i;
      signers.add(NoteKeys.parseSigner(
          NoteKeys.fromSeed("k" + i, NoteKeys.TYPE_ED25519, seed).signerKey()));
    }
    String note = SignedNote.sign(TEXT, signers).format();
    assertThat(SignedNote.parse(note).signatures()).hasSize(16);
  }

  // Go's note.Open: repeated signatures by one known key and repeated identical unknown lines
  // are dropped; a second (even corrupt) signature by an already-verified key is not checked.
  @Test
  void duplicatesAreDroppedAsGoDoes() throws Exception {
    String signed = SignedNote.sign(TEXT, NoteKeys.parseSigner(PETER_SKEY)).format();
    String peterLine = signed.substring(signed.indexOf('\u2014'));
    String unknown = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aG"
        + "rQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
    String corruptPeter = peterLine.replace("ZInNIuGU", "ZInNABCD");
    String note = signed + peterLine + unknown + unknown + corruptPeter;
    SignedNote parsed = SignedNote.parse(note);
    assertThat(parsed.signatures()).hasSize(5);
    assertThat(parsed.format()).isEqualTo(note);
    VerifiedNote v = parsed.verify(NoteVerifiers.of(NoteKeys.parseVerifier(PETER_VKEY)));
    assertThat(v.verified()).hasSize(1);
    assertThat(v.unverified()).hasSize(1);
  }

  private static List<String> names(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }
}
