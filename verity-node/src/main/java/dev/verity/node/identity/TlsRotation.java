package dev.verity.node.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * A rotation of the node's TLS key, announce-then-switch like {@link WitnessRotation}: {@code
 * verity node key rotate --tls} writes the next key and certificate ({@code keys/tls.next.p12})
 * and the instant it takes effect ({@code keys/tls.next.effective}); the node announces the new
 * pin in each agreement's log at its next start, presents the old certificate until that instant
 * and the new one from then on ({@link RotatingKeyManager}). The next rotation moves the old pin
 * to {@code keys/tls.history}.
 *
 * @param next the next key and certificate
 * @param pin the next certificate's pin, which the announcement carries
 * @param effectiveAt from when the node presents it
 */
public record TlsRotation(KeyStore next, String pin, Instant effectiveAt) {
  static final String NEXT = "tls.next.p12";
  static final String EFFECTIVE = "tls.next.effective";
  static final String HISTORY = "tls.history";

  /** The rotation under way in {@code keys}, if any. */
  static Optional<TlsRotation> pending(Path keys) throws IOException, GeneralSecurityException {
    if (!Files.exists(keys.resolve(NEXT))) {
      return Optional.empty();
    }
    KeyStore ks = NodeIdentity.readStore(keys.resolve(NEXT));
    Instant at = Instant.parse(Files.readString(keys.resolve(EFFECTIVE)).trim());
    return Optional.of(new TlsRotation(ks, NodeIdentity.pin(NodeIdentity.certificate(ks)), at));
  }

  /**
   * Makes the next TLS key of {@code party}'s node in {@code dir}, effective at {@code
   * effectiveAt}; a rotation already effective is first completed, one not yet is refused.
   */
  public static TlsRotation rotate(Path dir, String party, Instant now, Instant effectiveAt)
      throws IdentityException {
    Path keys = dir.resolve("keys");
    try {
      Optional<TlsRotation> under = pending(keys);
      if (under.isPresent() && now.isBefore(under.get().effectiveAt())) {
        throw new IdentityException("a TLS key rotation is already under way, effective at "
            + under.get().effectiveAt() + "; rotate again after that");
      }
      if (under.isPresent()) {
        complete(keys);
      }
      KeyStore ks = NodeIdentity.selfSigned(party, new SecureRandom());
      Files.deleteIfExists(keys.resolve(EFFECTIVE));
      Files.writeString(keys.resolve(EFFECTIVE), effectiveAt + "\n");
      try (OutputStream o = Files.newOutputStream(keys.resolve(NEXT),
          StandardOpenOption.CREATE_NEW)) {
        ks.store(o, NodeIdentity.STORE_PASSWORD);
      }
      NodeIdentity.restrict(keys.resolve(NEXT));
      return new TlsRotation(ks, NodeIdentity.pin(NodeIdentity.certificate(ks)), effectiveAt);
    } catch (IOException | GeneralSecurityException e) {
      throw new IdentityException("cannot rotate the TLS key in " + keys + ": "
          + e.getMessage(), e);
    }
  }

  private static void complete(Path keys) throws IOException, GeneralSecurityException {
    X509Certificate old = NodeIdentity.certificate(NodeIdentity.readStore(keys.resolve("tls.p12")));
    Files.writeString(keys.resolve(HISTORY), NodeIdentity.pin(old) + "\n",
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Files.move(keys.resolve(NEXT), keys.resolve("tls.p12"), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    Files.delete(keys.resolve(EFFECTIVE));
  }
}
