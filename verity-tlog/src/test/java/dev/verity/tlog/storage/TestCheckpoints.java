package dev.verity.tlog.storage;

import dev.verity.tlog.merkle.Hash;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Test-only checkpoints, so storage tests need no signed-note implementation: an unsigned
 * format ({@code origin\nsize\nbase64 root\n}, parsed strictly) and a reader for the Tessera test
 * log that parses the checkpoint body and checks its Ed25519 note signature with BouncyCastle.
 */
public final class TestCheckpoints {
  public static final String ORIGIN = "verity.test/log";
  private static final Pattern BODY =
      Pattern.compile("([^\n]+)\n(0|[1-9][0-9]{0,18})\n([A-Za-z0-9+/]{43}=)\n");

  private TestCheckpoints() {}

  public static CheckpointSigner unsignedSigner() {
    return (size, root) ->
        (ORIGIN + "\n" + size + "\n" + root.base64() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  public static CheckpointReader unsignedReader() {
    return file -> {
      TreeHead head = parseBody(new String(file, StandardCharsets.UTF_8), ORIGIN);
      if (!sign0(unsignedSigner(), head).equals(new String(file, StandardCharsets.UTF_8))) {
        throw new InvalidCheckpointException("not in canonical form");
      }
      return head;
    };
  }

  private static String sign0(CheckpointSigner s, TreeHead h) {
    try {
      return new String(s.sign(h.size(), h.root()), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Signs like Tessera's test log (C2SP signed-note, Ed25519, key from the vectors README):
   * {@code body + "\n" + "— origin " + base64(keyID || signature) + "\n"}.
   */
  public static CheckpointSigner tesseraSigner() {
    String origin = "example.com/log/testdata";
    byte[] skey = Base64.getDecoder().decode("AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg");
    org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters priv =
        new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(skey, 1);
    byte[] keyId = new byte[] {0x33, (byte) 0xd7, (byte) 0xb4, (byte) 0x96};
    return (size, root) -> {
      byte[] body = (origin + "\n" + size + "\n" + root.base64() + "\n")
          .getBytes(StandardCharsets.UTF_8);
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, priv);
      signer.update(body, 0, body.length);
      byte[] sig = new byte[68];
      System.arraycopy(keyId, 0, sig, 0, 4);
      System.arraycopy(signer.generateSignature(), 0, sig, 4, 64);
      String text = new String(body, StandardCharsets.UTF_8) + "\n\u2014 " + origin + " "
          + Base64.getEncoder().encodeToString(sig) + "\n";
      return text.getBytes(StandardCharsets.UTF_8);
    };
  }

  /** The Tessera testdata log: origin, verifier key and signature per C2SP signed-note. */
  public static CheckpointReader tesseraReader() {
    String origin = "example.com/log/testdata";
    byte[] vkey = Base64.getDecoder().decode("AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx");
    byte[] keyId = new byte[] {0x33, (byte) 0xd7, (byte) 0xb4, (byte) 0x96};
    Ed25519PublicKeyParameters pub = new Ed25519PublicKeyParameters(vkey, 1);
    return file -> {
      String text = new String(file, StandardCharsets.UTF_8);
      int split = text.indexOf("\n\n");
      if (split < 0 || !text.endsWith("\n")) {
        throw new InvalidCheckpointException("no signature block");
      }
      String body = text.substring(0, split + 1);
      TreeHead head = parseBody(body, origin);
      byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
      for (String line : text.substring(split + 2).split("\n")) {
        String prefix = "\u2014 " + origin + " ";
        if (!line.startsWith(prefix)) {
          continue;
        }
        byte[] sig;
        try {
          String b64 = line.substring(prefix.length());
          sig = Base64.getDecoder().decode(b64);
          if (!Base64.getEncoder().encodeToString(sig).equals(b64)) {
            continue; // non-canonical base64 (e.g. stray padding bits): not a valid line
          }
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (sig.length != 68 || !java.util.Arrays.equals(sig, 0, 4, keyId, 0, 4)) {
          continue;
        }
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, pub);
        v.update(bodyBytes, 0, bodyBytes.length);
        if (v.verifySignature(java.util.Arrays.copyOfRange(sig, 4, 68))) {
          return head;
        }
      }
      throw new InvalidCheckpointException("no valid signature by " + origin);
    };
  }

  private static TreeHead parseBody(String body, String origin)
      throws InvalidCheckpointException {
    Matcher m = BODY.matcher(body);
    if (!m.matches()) {
      throw new InvalidCheckpointException("malformed checkpoint body");
    }
    if (!m.group(1).equals(origin)) {
      throw new InvalidCheckpointException("origin " + m.group(1) + " is not " + origin);
    }
    try {
      return new TreeHead(Long.parseLong(m.group(2)), Hash.fromBase64(m.group(3)));
    } catch (IllegalArgumentException e) {
      throw new InvalidCheckpointException("bad size or root: " + e.getMessage());
    }
  }
}
