package dev.verity.node.identity;

import dev.verity.tlog.cosignature.CosignatureException;
import dev.verity.tlog.cosignature.CosignatureSigner;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteKeys.KeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A rotation of the node's witness key, announce-then-switch (decision "Key rotation announced
 * in the log"): {@code verity node key rotate --witness} writes the next key beside the current
 * one ({@code keys/witness.next.key}) with the instant it takes effect ({@code
 * keys/witness.next.effective}); the node announces it in each agreement's log at its next
 * start, its peers accept it as they read the announcement, and the node cosigns with the old
 * key until that instant, with the new one from then on. The next rotation retires the old key:
 * its public key goes to {@code keys/witness.history} (one verifier key a line), so that what it
 * cosigned stays checkable.
 *
 * @param signerKey the next key's signer key (secret)
 * @param verifierKey its verifier key, which the announcement carries
 * @param effectiveAt from when the node cosigns with it
 */
public record WitnessRotation(String signerKey, String verifierKey, Instant effectiveAt) {
  static final String NEXT = "witness.next.key";
  static final String EFFECTIVE = "witness.next.effective";
  static final String HISTORY = "witness.history";

  /** The rotation under way in {@code keys}, if any. */
  static Optional<WitnessRotation> pending(Path keys) throws IOException {
    if (!Files.exists(keys.resolve(NEXT))) {
      return Optional.empty();
    }
    String skey = Files.readString(keys.resolve(NEXT)).trim();
    Instant at = Instant.parse(Files.readString(keys.resolve(EFFECTIVE)).trim());
    try {
      return Optional.of(new WitnessRotation(skey,
          CosignatureV1.parseSigner(skey, Clock.systemUTC()).verifierKey(), at));
    } catch (CosignatureException e) {
      throw new IOException(NEXT + ": not a witness key: " + e.getMessage(), e);
    }
  }

  /**
   * Makes the next witness key of the node in {@code dir}, effective at {@code effectiveAt}, of
   * the same name as the current one. A rotation already effective is first completed (the
   * current key retired to the history); one not yet effective is refused, naming its instant.
   */
  public static WitnessRotation rotate(Path dir, Instant now, Instant effectiveAt)
      throws IdentityException {
    Path keys = dir.resolve("keys");
    try {
      Optional<WitnessRotation> under = pending(keys);
      if (under.isPresent() && now.isBefore(under.get().effectiveAt())) {
        throw new IdentityException("a witness key rotation is already under way, effective at "
            + under.get().effectiveAt() + "; rotate again after that");
      }
      if (under.isPresent()) {
        complete(keys);
      }
      String current = Files.readString(keys.resolve("witness.key")).trim();
      String name = NoteKeys.splitSignerKey(current).name();
      KeyPair next =
          NoteKeys.generate(name, NoteKeys.TYPE_COSIGNATURE_V1, new SecureRandom());
      Files.deleteIfExists(keys.resolve(EFFECTIVE));
      Files.writeString(keys.resolve(EFFECTIVE), effectiveAt + "\n");
      NodeIdentity.writeSecret(keys.resolve(NEXT),
          next.signerKey().getBytes(StandardCharsets.UTF_8));
      return new WitnessRotation(next.signerKey(), next.verifierKey(), effectiveAt);
    } catch (IOException | NoteException e) {
      throw new IdentityException("cannot rotate the witness key in " + keys + ": "
          + e.getMessage(), e);
    }
  }

  /** The current key's public key to the history; the next key becomes the current one. */
  private static void complete(Path keys) throws IOException {
    String old = Files.readString(keys.resolve("witness.key")).trim();
    try {
      String pub = CosignatureV1.parseSigner(old, Clock.systemUTC()).verifierKey();
      Files.writeString(keys.resolve(HISTORY), pub + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (CosignatureException e) {
      throw new IOException("witness.key: " + e.getMessage(), e);
    }
    Files.move(keys.resolve(NEXT), keys.resolve("witness.key"),
        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.delete(keys.resolve(EFFECTIVE));
  }

  /**
   * The cosigner from {@code current} and this rotation, stamping by {@code clock}: the current
   * key before {@link #effectiveAt}, the next one from then on (real time).
   */
  CosignatureSigner cosigner(CosignatureSigner current, Clock clock) {
    try {
      return new RotatingCosigner(current, CosignatureV1.parseSigner(signerKey, clock),
          effectiveAt.getEpochSecond(), Clock.systemUTC());
    } catch (CosignatureException e) {
      throw new IllegalStateException(e);
    }
  }
}
