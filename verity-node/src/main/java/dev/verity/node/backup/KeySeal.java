package dev.verity.node.backup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A backup's key files, sealed with a passphrase: the key is PBKDF2-HMAC-SHA256 over the
 * passphrase and a random 128-bit salt, 600,000 iterations (OWASP Password Storage Cheat Sheet,
 * 2023, for PBKDF2-HMAC-SHA256; NIST SP 800-132), and the file is AES-256-GCM (NIST SP 800-38D)
 * with a random 96-bit nonce and the file's name in the archive as associated data, so a sealed
 * file moved to another name fails like an altered byte. Layout: {@code "VKEYS01\0" || salt (16)
 * || nonce (12) || ciphertext and tag}. Only the JDK's own providers are used.
 */
final class KeySeal {
  static final byte[] MAGIC = "VKEYS01\0".getBytes(StandardCharsets.US_ASCII);
  static final int ITERATIONS = 600_000;
  private static final int SALT = 16;
  private static final int NONCE = 12;

  private KeySeal() {}

  static byte[] seal(char[] passphrase, String name, byte[] plain, SecureRandom random) {
    byte[] salt = new byte[SALT];
    byte[] nonce = new byte[NONCE];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, passphrase, salt, nonce);
      c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plain);
      return ByteBuffer.allocate(MAGIC.length + SALT + NONCE + ct.length).put(MAGIC).put(salt)
          .put(nonce).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plain file, or a {@link BackupException} if the passphrase is wrong or a byte changed. */
  static byte[] open(char[] passphrase, String name, byte[] sealed) throws BackupException {
    int head = MAGIC.length + SALT + NONCE;
    if (sealed.length < head + 16 || !Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0,
        MAGIC.length)) {
      throw new BackupException(BackupException.Reason.DAMAGED, name + ": not a sealed key file");
    }
    byte[] salt = Arrays.copyOfRange(sealed, MAGIC.length, MAGIC.length + SALT);
    byte[] nonce = Arrays.copyOfRange(sealed, MAGIC.length + SALT, head);
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, passphrase, salt, nonce);
      c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(sealed, head, sealed.length - head);
    } catch (AEADBadTagException e) {
      throw new BackupException(BackupException.Reason.WRONG_PASSPHRASE,
          name + ": the passphrase is wrong, or the sealed file was changed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Cipher cipher(int mode, char[] passphrase, byte[] salt, byte[] nonce)
      throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, ITERATIONS, 256);
    byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
        .getEncoded();
    spec.clearPassword();
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    Arrays.fill(key, (byte) 0);
    return c;
  }
}
