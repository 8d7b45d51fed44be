package dev.verity.node.tlogcli;

import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
import dev.verity.tlog.storage.InvalidCheckpointException;
import dev.verity.tlog.storage.TreeHead;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Stand-in checkpoints for the benchmark: the C2SP tlog-checkpoint body signed with Ed25519 in
 * the signed-note layout, with a throw-away key, so signing and verifying cost what they will
 * with the real note implementation.
 */
final class BenchCheckpoints {
  private static final String ORIGIN = "bench.verity.dev/tlog";
  private final Ed25519PrivateKeyParameters key =
      new Ed25519PrivateKeyParameters(new SecureRandom());
  private final Ed25519PublicKeyParameters pub = key.generatePublicKey();

  CheckpointSigner signer() {
    return (size, root) -> {
      byte[] body = body(size, root);
      Ed25519Signer s = new Ed25519Signer();
      s.init(true, key);
      s.update(body, 0, body.length);
      byte[] sig = new byte[68]; // 4-byte key ID (unused here) || signature
      System.arraycopy(s.generateSignature(), 0, sig, 4, 64);
      return (new String(body, StandardCharsets.UTF_8) + "\n\u2014 " + ORIGIN + " "
          + Base64.getEncoder().encodeToString(sig) + "\n").getBytes(StandardCharsets.UTF_8);
    };
  }

  CheckpointReader reader() {
    return file -> {
      String text = new String(file, StandardCharsets.UTF_8);
      int split = text.indexOf("\n\n");
      String prefix = "\u2014 " + ORIGIN + " ";
      int sigAt = text.indexOf(prefix, split);
      if (split < 0 || sigAt < 0) {
        throw new InvalidCheckpointException("not a bench checkpoint");
      }
      String[] lines = text.substring(0, split).split("\n");
      TreeHead head;
      try {
        head = new TreeHead(Long.parseLong(lines[1]), Hash.fromBase64(lines[2]));
      } catch (RuntimeException e) {
        throw new InvalidCheckpointException("malformed body", e);
      }
      byte[] sig = Base64.getDecoder().decode(text.substring(sigAt + prefix.length()).trim());
      byte[] body = body(head.size(), head.root());
      Ed25519Signer v = new Ed25519Signer();
      v.init(false, pub);
      v.update(body, 0, body.length);
      if (sig.length != 68 || !v.verifySignature(Arrays.copyOfRange(sig, 4, 68))) {
        throw new InvalidCheckpointException("bad signature");
      }
      return head;
    };
  }

  private static byte[] body(long size, Hash root) {
    return (ORIGIN + "\n" + size + "\n" + root.base64() + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
