package dev.verity.node.vault;

import dev.verity.node.vault.VaultException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The vault file's encryption: AES-256-GCM (NIST SP 800-38D), a fresh random 96-bit nonce per
 * write, a 128-bit tag. The file is {@code "VVAULT01" || key id (8) || nonce (12) ||
 * ciphertext and tag}; the first 16 bytes are also the associated data, so a header pointing at
 * another key fails the tag like any altered byte.
 */
final class VaultCipher {
  static final byte[] MAGIC = "VVAULT01".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE = 12;
  private static final int HEADER = MAGIC.length + VaultKeys.ID_BYTES;

  private VaultCipher() {}

  static byte[] seal(byte[] key, byte[] plaintext, SecureRandom random) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    byte[] header = ByteBuffer.allocate(HEADER).put(MAGIC).put(VaultKeys.id(key)).array();
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, key, nonce);
      c.updateAAD(header);
      byte[] ct = c.doFinal(plaintext);
      return ByteBuffer.allocate(HEADER + NONCE + ct.length).put(header).put(nonce).put(ct)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] open(VaultKeys keys, byte[] file, String name) throws VaultException {
    if (file.length < HEADER + NONCE + 16
        || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
      throw new VaultException(Reason.WRONG_KEY_OR_ALTERED, name + ": not a Verity vault file");
    }
    byte[] key = keys.byId(Arrays.copyOfRange(file, MAGIC.length, HEADER));
    if (key == null) {
      throw new VaultException(Reason.WRONG_KEY_OR_ALTERED, name + ": was written under a key"
          + " the key file does not hold");
    }
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(file, HEADER, HEADER + NONCE));
      c.updateAAD(file, 0, HEADER);
      return c.doFinal(file, HEADER + NONCE, file.length - HEADER - NONCE);
    } catch (AEADBadTagException e) {
      throw new VaultException(Reason.WRONG_KEY_OR_ALTERED, name + ": does not decrypt under the"
          + " vault key: the file was altered or the key is not its own", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce)
      throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    return c;
  }
}
