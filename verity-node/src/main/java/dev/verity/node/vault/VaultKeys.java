package dev.verity.node.vault;

import dev.verity.node.vault.VaultException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The vault's AES-256 keys, in a file kept apart from the vault (another folder, mode 0600):
 * one line {@code verity-vault-key/v1 <base64 of 32 bytes>} per key, the newest last. Usually
 * one key; two only while the vault is re-encrypted under a new key (after an erasure), so that
 * a crash at any moment leaves a file the keys open.
 */
final class VaultKeys {
  static final String FORMAT = "verity-vault-key/v1";
  static final int KEY_BYTES = 32;
  static final int ID_BYTES = 8;
  private final Path file;
  private final List<byte[]> keys;

  private VaultKeys(Path file, List<byte[]> keys) {
    this.file = file;
    this.keys = keys;
  }

  /** Opens the key file, creating it with one fresh key when it does not exist. */
  static VaultKeys open(Path file, Path vaultDir, SecureRandom random) throws VaultException {
    Path abs = file.toAbsolutePath().normalize();
    if (abs.startsWith(vaultDir.toAbsolutePath().normalize())) {
      throw new VaultException(Reason.KEY_FILE, file + ": the vault key must be kept apart from"
          + " the vault, not inside " + vaultDir);
    }
    try {
      if (!Files.exists(file)) {
        VaultKeys k = new VaultKeys(file, List.of(fresh(random)));
        k.write();
        return k;
      }
      SecretFiles.requireOwnerOnly(file);
      return new VaultKeys(file, parse(file, Files.readAllLines(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new VaultException(Reason.KEY_FILE, file + ": " + e.getMessage(), e);
    }
  }

  private static List<byte[]> parse(Path file, List<String> lines) throws VaultException {
    List<byte[]> out = new ArrayList<>();
    for (String l : lines) {
      String[] f = l.strip().split(" ");
      byte[] k = f.length == 2 && f[0].equals(FORMAT) ? decode(f[1]) : null;
      if (k == null || k.length != KEY_BYTES) {
        throw new VaultException(Reason.KEY_FILE, file + ": not a vault key file (each line: "
            + FORMAT + " and 32 bytes in base64)");
      }
      out.add(k);
    }
    if (out.isEmpty()) {
      throw new VaultException(Reason.KEY_FILE, file + ": holds no key");
    }
    return out;
  }

  private static byte[] decode(String b64) {
    try {
      return Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static byte[] fresh(SecureRandom random) {
    byte[] k = new byte[KEY_BYTES];
    random.nextBytes(k);
    return k;
  }

  /** The key new writes use. */
  byte[] current() {
    return keys.get(keys.size() - 1).clone();
  }

  /** The key whose identifier is {@code id}, or null. */
  byte[] byId(byte[] id) {
    return keys.stream().filter(k -> Arrays.equals(id(k), id)).findFirst().map(byte[]::clone)
        .orElse(null);
  }

  /** The first 8 bytes of SHA-256 of the key: names it in the vault's header, reveals nothing. */
  static byte[] id(byte[] key) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key), ID_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Keys {@code [current, next]}: both open the vault until {@link #retire} is called. */
  VaultKeys add(byte[] next) throws IOException {
    VaultKeys k = new VaultKeys(file, List.of(keys.get(keys.size() - 1), next));
    k.write();
    return k;
  }

  /** Only the newest key is kept; the older one is gone from the file. */
  VaultKeys retire() throws IOException {
    VaultKeys k = new VaultKeys(file, List.of(keys.get(keys.size() - 1)));
    k.write();
    return k;
  }

  private void write() throws IOException {
    StringBuilder s = new StringBuilder();
    for (byte[] k : keys) {
      s.append(FORMAT).append(' ').append(Base64.getEncoder().encodeToString(k)).append('\n');
    }
    SecretFiles.replace(file, s.toString().getBytes(StandardCharsets.UTF_8));
  }
}
