package dev.verity.tlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.tlog.Vectors;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519CryptoTest {
  // wycheproof/ed25519_test.json: all 151 cases; "valid" verifies, "invalid" is refused,
  // including case 37 (a 65-byte signature that JDK 17's Ed25519 accepts).
  @Test
  void wycheproofEd25519() throws Exception {
    JsonNode root = new ObjectMapper().readTree(
        Vectors.file("wycheproof/ed25519_test.json").toFile());
    HexFormat hex = HexFormat.of();
    int n = 0;
    boolean saw37 = false;
    for (JsonNode g : root.get("testGroups")) {
      byte[] pk = hex.parseHex(g.get("publicKey").get("pk").asText());
      for (JsonNode t : g.get("tests")) {
        byte[] msg = hex.parseHex(t.get("msg").asText());
        byte[] sig = hex.parseHex(t.get("sig").asText());
        boolean ok = Ed25519Crypto.verify(pk, msg, sig);
        // The decoded-key path (used by note verifiers) must agree.
        assertThat(Ed25519Crypto.verify(Ed25519Crypto.decodePublicKey(pk), msg, sig))
            .isEqualTo(ok);
        String result = t.get("result").asText();
        assertThat(result).isIn("valid", "invalid");
        assertThat(ok).as("tcId %d %s", t.get("tcId").asInt(), t.get("comment").asText())
            .isEqualTo(result.equals("valid"));
        saw37 |= t.get("tcId").asInt() == 37;
        n++;
      }
    }
    assertThat(n).isEqualTo(root.get("numberOfTests").asInt()).isEqualTo(151);
    assertThat(saw37).isTrue();
  }

  @Test
  void signAndVerifyRoundTrip() {
    byte[] seed = new byte[32];
    byte[] pk = Ed25519Crypto.publicKey(seed);
    byte[] sig = Ed25519Crypto.sign(seed, "m".getBytes());
    assertThat(Ed25519Crypto.verify(pk, "m".getBytes(), sig)).isTrue();
    assertThat(Ed25519Crypto.verify(pk, "n".getBytes(), sig)).isFalse();
    byte[] longSig = java.util.Arrays.copyOf(sig, 65);
    assertThat(Ed25519Crypto.verify(pk, "m".getBytes(), longSig)).isFalse();
    assertThat(Ed25519Crypto.verify(new byte[31], "m".getBytes(), sig)).isFalse();
  }
}
