package dev.verity.node.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The operator API's own certificate and key (node.yaml {@code apiCertificate}, {@code node init
 * --api-cert --api-key}): an organisation's certificate, issued by its CA, so that browsers and
 * scripts trust the API without a pin. Both are PEM files, as a CA issues them: the certificate
 * (its chain may follow, leaf first) and the private key (PKCS#8 {@code PRIVATE KEY}, or the
 * traditional {@code RSA}/{@code EC PRIVATE KEY}, unencrypted: the file's permissions protect it,
 * as they do the node's own keys). They are read at each start; a file that cannot be read, holds
 * no certificate or key, or a key that does not belong to the certificate is refused by name.
 */
public final class ApiCertificate {
  private ApiCertificate() {}

  /** A TLS server context with the certificate chain in {@code cert} and the key in {@code key}. */
  public static SSLContext context(Path cert, Path key) {
    try {
      List<X509Certificate> chain = chain(cert);
      PrivateKey pk = privateKey(key);
      requireMatch(chain.get(0), pk, cert, key);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("api", pk, NodeIdentity.storePassword(), chain.toArray(Certificate[]::new));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, NodeIdentity.storePassword());
      SSLContext ctx = SSLContext.getInstance(PinnedTls.PROTOCOL);
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("apiCertificate: cannot set up TLS with " + cert
          + " and " + key + ": " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> chain(Path cert) throws IOException {
    byte[] pem = read(cert, "certificate");
    try {
      List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem)).stream()
          .map(c -> (X509Certificate) c).toList();
      if (chain.isEmpty()) {
        throw new CertificateException("empty");
      }
      return chain;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("apiCertificate.certificate " + cert + ": no X.509"
          + " certificate in it (expected PEM, -----BEGIN CERTIFICATE-----)");
    }
  }

  private static PrivateKey privateKey(Path key) throws IOException {
    read(key, "key");
    try (Reader r = Files.newBufferedReader(key, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair pair) {
        // a traditional EC key may omit its public half: the private half is what is needed
        return conv.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (o instanceof PrivateKeyInfo info) {
        return conv.getPrivateKey(info);
      }
    } catch (IOException | RuntimeException e) {
      // not PEM at all: the same answer as PEM of something else
    }
    throw new IllegalArgumentException("apiCertificate.key " + key + ": no private key in it"
        + " (expected an unencrypted PEM key, -----BEGIN PRIVATE KEY-----)");
  }

  private static byte[] read(Path file, String what) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("apiCertificate." + what + " " + file
          + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException("apiCertificate." + what + " " + file
          + ": cannot read it (" + e.getClass().getSimpleName() + "; is it readable by the"
          + " node's user?)");
    }
  }

  /** The key signs what the certificate's public key verifies, or it is not the certificate's. */
  private static void requireMatch(X509Certificate cert, PrivateKey key, Path certFile,
      Path keyFile) throws GeneralSecurityException {
    String alg = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new IllegalArgumentException("apiCertificate.key " + keyFile + ": a "
          + key.getAlgorithm() + " key; expected RSA, EC or Ed25519");
    };
    byte[] probe = "verity api certificate check".getBytes(StandardCharsets.US_ASCII);
    boolean ok;
    try {
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(cert.getPublicKey());
      v.update(probe);
      ok = v.verify(sig);
    } catch (GeneralSecurityException e) {
      ok = false; // a key of another algorithm than the certificate's
    }
    if (!ok) {
      throw new IllegalArgumentException("apiCertificate: the key in " + keyFile + " does not"
          + " belong to the certificate in " + certFile + " (" + cert.getSubjectX500Principal()
          + ")");
    }
  }
}
