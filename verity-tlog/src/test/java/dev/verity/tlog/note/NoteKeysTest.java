package dev.verity.tlog.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.tlog.Vectors;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class NoteKeysTest {
  private static final String PETER_VKEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  private static final String PETER_SKEY =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

  @Test
  void goPeterKeysParseAndAgree() throws Exception {
    NoteVerifier v = NoteKeys.parseVerifier(PETER_VKEY);
    NoteSigner s = NoteKeys.parseSigner(PETER_SKEY);
    assertThat(v.name()).isEqualTo("PeterNeumann");
    assertThat(NoteKeys.hex8(v.keyId())).isEqualTo("c74f20a3");
    assertThat(s.keyId()).isEqualTo(v.keyId());
    assertThat(NoteKeys.verifierKeyOf(PETER_SKEY)).isEqualTo(PETER_VKEY);
    assertThat(v.verify("x\n".getBytes(), s.sign("x\n".getBytes()))).isTrue();
  }

  // golang-x-mod/note_vectors.json bad_vkeys_expect_error, and Go's TestNewVerifier loop: every
  // proper substring and every single-byte +1 mangling of the vkey is refused.
  @Test
  void goBadVerifierKeysAreRefused() throws Exception {
    JsonNode v = new ObjectMapper().readTree(
        Vectors.file("golang-x-mod/note_vectors.json").toFile());
    for (JsonNode bad : v.get("bad_vkeys_expect_error")) {
      String vkey = bad.get("vkey").asText();
      if (vkey.startsWith("(")) {
        continue; // the loop below
      }
      assertThatThrownBy(() -> NoteKeys.parseVerifier(vkey)).as(bad.get("why").asText())
          .isInstanceOf(NoteException.class);
    }
    int n = 0;
    for (int i = 0; i < PETER_VKEY.length(); i++) {
      for (int j = i; j <= PETER_VKEY.length(); j++) {
        if (i == 0 && j == PETER_VKEY.length()) {
          continue;
        }
        String sub = PETER_VKEY.substring(i, j);
        assertThatThrownBy(() -> NoteKeys.parseVerifier(sub)).as(sub)
            .isInstanceOf(NoteException.class);
        n++;
      }
      char[] c = PETER_VKEY.toCharArray();
      c[i]++;
      String mangled = new String(c);
      assertThatThrownBy(() -> NoteKeys.parseVerifier(mangled)).as(mangled)
          .isInstanceOf(NoteException.class);
      n++;
    }
    assertThat(n).isGreaterThan(2000);
  }

  @Test
  void badSignerKeysAreRefused() {
    for (String bad : new String[] {
        "", "PRIVATE+KEY+", PETER_SKEY.replace("PRIVATE", "private"),
        PETER_SKEY.replace("c74f20a3", "c74f20a4"), PETER_SKEY.replace("+AYEK", "+AiEK"),
        PETER_SKEY.substring(0, PETER_SKEY.length() - 4), "PRIVATE+KEY+a b+c74f20a3+AYEK"}) {
      assertThatThrownBy(() -> NoteKeys.parseSigner(bad)).as(bad)
          .isInstanceOf(NoteException.class);
    }
  }

  @Test
  void generatedKeysRoundTrip() throws Exception {
    NoteKeys.KeyPair kp = NoteKeys.generate("example.com/log", NoteKeys.TYPE_ED25519,
        new SecureRandom());
    assertThat(kp.signerKey()).startsWith("PRIVATE+KEY+example.com/log+");
    assertThat(NoteKeys.verifierKeyOf(kp.signerKey())).isEqualTo(kp.verifierKey());
    String note = SignedNote.sign("hello\n", NoteKeys.parseSigner(kp.signerKey())).format();
    assertThat(SignedNote.open(note, NoteVerifiers.of(NoteKeys.parseVerifier(kp.verifierKey())))
        .verifiedNames()).containsExactly("example.com/log");
  }

  @Test
  void nameRules() {
    assertThat(NoteKeys.isValidName("example.com/log")).isTrue();
    assertThat(NoteKeys.isValidName("")).isFalse();
    assertThat(NoteKeys.isValidName("a b")).isFalse();
    assertThat(NoteKeys.isValidName("a+b")).isFalse();
    assertThat(NoteKeys.isValidName("a\u00a0b")).isFalse();
    assertThat(NoteKeys.isValidName("a\u3000b")).isFalse();
    assertThat(NoteKeys.isValidName("a\nb")).isFalse();
  }
}
