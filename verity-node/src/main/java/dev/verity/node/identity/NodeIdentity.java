package dev.verity.node.identity;

import dev.verity.core.message.JsonProblems;
import dev.verity.node.json.CanonicalJson;
import dev.verity.tlog.cosignature.CosignatureException;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.cosignature.CosignatureSigner;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteKeys.KeyString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A node's secret keys, kept in {@code DIR/keys/} (owner-only files): the log's note signing
 * key, the witness's cosignature key, and the TLS key with its self-signed certificate in a
 * PKCS#12 store. Peers trust the certificate by its public-key pin, not by any CA.
 */
public final class NodeIdentity {
  /** The PKCS#12 store protects nothing the file permissions don't; a fixed password keeps it simple. */
  static final char[] STORE_PASSWORD = "verity".toCharArray();
  private static final String ALIAS = "node";

  private final PublicIdentity pub;
  private final String logSignerKey;
  private final String witnessSignerKey;
  private final KeyStore tlsStore;
  /** The witness key rotation under way ({@code verity node key rotate --witness}), or null. */
  private final WitnessRotation rotation;
  /** The TLS key rotation under way ({@code verity node key rotate --tls}), or null. */
  private final TlsRotation tlsRotation;

  private NodeIdentity(PublicIdentity pub, String logSignerKey, String witnessSignerKey,
      KeyStore tlsStore, WitnessRotation rotation, TlsRotation tlsRotation) {
    this.pub = pub;
    this.logSignerKey = logSignerKey;
    this.witnessSignerKey = witnessSignerKey;
    this.tlsStore = tlsStore;
    this.rotation = rotation;
    this.tlsRotation = tlsRotation;
  }

  /** The origin's host name of a node made without {@code --origin}, and of every older one. */
  public static final String DEFAULT_ORIGIN = "verity.example";

  /** A DNS host name: labels of letters, digits and inner hyphens, joined by dots (RFC 1123). */
  private static final Pattern HOST = Pattern.compile(
      "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  /**
   * The log origin of a party under an agreement: {@code <host>/<agreement>/<party>}, the form
   * C2SP tlog-checkpoint recommends (a schema-less URL naming the log's operator).
   */
  public static String origin(String host, String agreement, String party) {
    return host + "/" + agreement + "/" + party;
  }

  /**
   * The host name {@code origin} starts with, the origin of {@code party}'s log of {@code
   * agreement}; a node's other agreements' origins start with the same one.
   */
  public static String hostOf(String origin, String agreement, String party) {
    String tail = "/" + agreement + "/" + party;
    if (!origin.endsWith(tail) || origin.length() == tail.length()) {
      throw new IllegalArgumentException("origin " + origin + ": expected HOST" + tail);
    }
    return origin.substring(0, origin.length() - tail.length());
  }

  /**
   * {@code host} if it is a host name a node's origins can start with: lower-case letters, digits,
   * hyphens and dots, as a DNS name; so also a valid C2SP signed-note key name (no '+', no
   * space), which the origin is. A plain message naming the option otherwise.
   */
  public static String checkHost(String option, String host) {
    if (host.contains("://") || host.contains("/")) {
      throw new IllegalArgumentException(option + " " + host + ": a host name only, such as"
          + " treaty.example.gov (no scheme, no path: the node adds /<agreement>/<party>)");
    }
    if (!HOST.matcher(host).matches() || !NoteKeys.isValidName(host)) {
      throw new IllegalArgumentException(option + " " + host + ": not a host name; expected"
          + " lower-case letters, digits and hyphens in dot-separated labels of at most 63,"
          + " such as treaty.example.gov (C2SP signed-note: the origin names the log's key)");
    }
    return host;
  }

  /**
   * The name of a node's witness (its cosignature key): one witness for every agreement the node
   * is in, so named after the Party alone; a peer of one agreement learns no other's name from
   * it. Nodes made before several agreements keep theirs ({@code <origin>/witness}).
   */
  public static String witnessName(String host, String party) {
    return "witness." + host + "/" + party;
  }

  /** Generates all keys into {@code dir/keys}, origin host the default; refuses to overwrite. */
  public static NodeIdentity generate(Path dir, String agreement, String party)
      throws IdentityException {
    return generate(dir, DEFAULT_ORIGIN, agreement, party);
  }

  /**
   * Generates all keys into {@code dir/keys}, the log's named {@code <host>/<agreement>/<party>};
   * refuses to overwrite.
   */
  public static NodeIdentity generate(Path dir, String host, String agreement, String party)
      throws IdentityException {
    Path keys = dir.resolve("keys");
    if (Files.exists(keys.resolve("log.key"))) {
      throw new IdentityException(keys + ": keys already exist");
    }
    SecureRandom random = new SecureRandom();
    String origin = origin(host, agreement, party);
    NoteKeys.KeyPair log = NoteKeys.generate(origin, NoteKeys.TYPE_ED25519, random);
    NoteKeys.KeyPair witness =
        NoteKeys.generate(witnessName(host, party), NoteKeys.TYPE_COSIGNATURE_V1, random);
    try {
      Files.createDirectories(keys);
      KeyStore ks = selfSigned(party, random);
      writeSecret(keys.resolve("log.key"), log.signerKey().getBytes(StandardCharsets.UTF_8));
      writeSecret(keys.resolve("witness.key"), witness.signerKey().getBytes(StandardCharsets.UTF_8));
      try (OutputStream o = Files.newOutputStream(keys.resolve("tls.p12"))) {
        ks.store(o, STORE_PASSWORD);
      }
      restrict(keys.resolve("tls.p12"));
      return load(dir, agreement, party);
    } catch (IOException | GeneralSecurityException e) {
      throw new IdentityException("cannot create keys in " + keys + ": " + e.getMessage(), e);
    }
  }

  /** Loads the keys from {@code dir/keys}. */
  public static NodeIdentity load(Path dir, String agreement, String party) throws IdentityException {
    Path keys = dir.resolve("keys");
    try {
      String logKey = Files.readString(keys.resolve("log.key")).trim();
      String witnessKey = Files.readString(keys.resolve("witness.key")).trim();
      KeyStore ks = readStore(keys.resolve("tls.p12"));
      TlsRotation nextTls = TlsRotation.pending(keys).orElse(null);
      // once the rotation is effective, the certificate peers are told of is the next one
      X509Certificate cert = certificate(nextTls != null
          && !Instant.now().isBefore(nextTls.effectiveAt()) ? nextTls.next() : ks);
      // the origin is the log key's name (C2SP signed-note): chosen at init, kept for good
      String origin = NoteKeys.splitSignerKey(logKey).name();
      hostOf(origin, agreement, party);
      WitnessRotation next = WitnessRotation.pending(keys).orElse(null);
      // once the rotation is effective, the key peers are told of is the next one
      String witnessPub = next != null && !Instant.now().isBefore(next.effectiveAt())
          ? next.verifierKey()
          : CosignatureV1.parseSigner(witnessKey, Clock.systemUTC()).verifierKey();
      PublicIdentity pub = new PublicIdentity(party, agreement, origin,
          NoteKeys.verifierKeyOf(logKey), witnessPub,
          Base64.getEncoder().encodeToString(cert.getEncoded()), pin(cert));
      return new NodeIdentity(pub, logKey, witnessKey, ks, next, nextTls);
    } catch (IOException | GeneralSecurityException | NoteException | IllegalArgumentException
        | CosignatureException e) {
      throw new IdentityException("cannot read keys in " + keys + ": " + e.getMessage(), e);
    }
  }

  /** The PKCS#12 store in {@code file}. */
  static KeyStore readStore(Path file) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, STORE_PASSWORD);
    }
    return ks;
  }

  /** The node's certificate in {@code ks}. */
  static X509Certificate certificate(KeyStore ks) throws GeneralSecurityException {
    return (X509Certificate) ks.getCertificate(ALIAS);
  }

  /** hex SHA-256 of the certificate's SubjectPublicKeyInfo. */
  public static String pin(X509Certificate cert) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public PublicIdentity publicIdentity() {
    return pub;
  }

  /**
   * This node's keys in agreement {@code a}: the log key renamed to that agreement's origin
   * (same Ed25519 key, {@link PublicIdentity#forAgreement}), the same witness and TLS keys.
   */
  public NodeIdentity forAgreement(String a) {
    if (a.equals(pub.agreement())) {
      return this;
    }
    PublicIdentity p = pub.forAgreement(a);
    try {
      KeyString k = NoteKeys.splitSignerKey(logSignerKey);
      String signer = NoteKeys.fromSeed(p.origin(), k.type(), k.key()).signerKey();
      return new NodeIdentity(p, signer, witnessSignerKey, tlsStore, rotation, tlsRotation);
    } catch (NoteException e) {
      throw new IllegalStateException("log.key: " + e.getMessage(), e);
    }
  }

  /** This identity naming {@code agreements} as those its node is in (the identity file). */
  public NodeIdentity withAgreements(List<String> agreements) {
    return new NodeIdentity(pub.withAgreements(agreements), logSignerKey, witnessSignerKey,
        tlsStore, rotation, tlsRotation);
  }

  public String logSignerKey() {
    return logSignerKey;
  }

  /** The witness key rotation under way, to be announced to the peers; empty if none. */
  public Optional<WitnessRotation> witnessRotation() {
    return Optional.ofNullable(rotation);
  }

  /** The cosigner of this node's witness: across a rotation, the key in effect at each time. */
  public CosignatureSigner cosigner(Clock clock) {
    try {
      CosignatureSigner current = CosignatureV1.parseSigner(witnessSignerKey, clock);
      return rotation == null ? current : rotation.cosigner(current, clock);
    } catch (CosignatureException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The TLS key rotation under way, to be announced to the peers; empty if none. */
  public Optional<TlsRotation> tlsRotation() {
    return Optional.ofNullable(tlsRotation);
  }

  /**
   * The key managers of this node's TLS key: across a rotation, the key in effect at each
   * handshake ({@link RotatingKeyManager}).
   */
  KeyManager[] keyManagers() throws GeneralSecurityException {
    KeyManager[] current = keyManagers(tlsStore);
    if (tlsRotation == null) {
      return current;
    }
    return new KeyManager[] {new RotatingKeyManager((X509ExtendedKeyManager) current[0],
        (X509ExtendedKeyManager) keyManagers(tlsRotation.next())[0],
        tlsRotation.effectiveAt().toEpochMilli())};
  }

  private static KeyManager[] keyManagers(KeyStore ks) throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, STORE_PASSWORD);
    return kmf.getKeyManagers();
  }

  /** The TLS key store (key + self-signed certificate). */
  public KeyStore tlsStore() {
    return tlsStore;
  }

  public static char[] storePassword() {
    return STORE_PASSWORD.clone();
  }

  /** Writes the identity file peers import. */
  public static void writePublic(PublicIdentity id, Path file) throws IOException {
    Files.write(file, CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(id));
  }

  /** Reads an identity file. */
  /** What a peer's identity file is, for errors about a file that is something else. */
  static final String EXPECTED = "expected a node's identity.json, as written by 'verity node init'"
      + " or 'verity node identity' (JSON with party, agreement, origin, logKey, witnessKey,"
      + " tlsCertificate, tlsPin)";

  public static PublicIdentity readPublic(Path file) throws IdentityException {
    PublicIdentity id;
    try {
      id = CanonicalJson.mapper().readValue(file.toFile(), PublicIdentity.class);
    } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
      throw new IdentityException(file + ": no such file");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IdentityException(file + ": not an identity file (" + JsonProblems.describe(e)
          + "): " + EXPECTED, e);
    } catch (IOException e) {
      throw new IdentityException(file + ": cannot read it: " + e.getMessage(), e);
    }
    if (id == null || id.party() == null || id.origin() == null || id.logKey() == null
        || id.witnessKey() == null || id.tlsPin() == null) {
      throw new IdentityException(file + ": not an identity file (fields missing): " + EXPECTED);
    }
    try {
      NoteKeys.parseVerifier(id.logKey());
    } catch (NoteException e) {
      throw new IdentityException(file + ": logKey is not a note verifier key (" + e.getMessage()
          + "): " + EXPECTED, e);
    }
    return id;
  }

  static KeyStore selfSigned(String party, SecureRandom random)
      throws GeneralSecurityException, IOException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    KeyPair kp = g.generateKeyPair();
    X500Name name = new X500Name("CN=verity-node-" + party.replaceAll("[^A-Za-z0-9-]", "_"));
    Instant now = Instant.now();
    try {
      var holder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, kp.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      PrivateKey key = kp.getPrivate();
      ks.setKeyEntry(ALIAS, key, STORE_PASSWORD, new java.security.cert.Certificate[] {cert});
      return ks;
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** Writes a new owner-only file (a secret key). */
  static void writeSecret(Path p, byte[] data) throws IOException {
    Files.write(p, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    restrict(p);
  }

  static void restrict(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: rely on the directory's protection
    }
  }
}
