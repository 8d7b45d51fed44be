package dev.verity.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.cli.VerityCommand;
import dev.verity.node.runtime.Node;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operator API's own certificate ({@code node init --api-cert --api-key}): the API answers
 * HTTPS with exactly that certificate, which a client trusting only it accepts; files that
 * cannot be read, hold no certificate, or a key of another certificate are refused by name.
 */
class ApiCertificateTest {
  @TempDir Path dir;
  private String err = "";

  /** A self-signed certificate for 127.0.0.1 (an organisation's CA would issue one like it). */
  private static X509Certificate certificate(KeyPair kp) throws Exception {
    X500Name name = new X500Name("CN=verity-api.example.gov");
    Instant now = Instant.now();
    var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
        kp.getPublic());
    b.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256, new SecureRandom());
    return g.generateKeyPair();
  }

  private static void pem(Path file, Object o) throws Exception {
    try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    }
  }

  private int init(String name, Path cert, Path key) {
    StringWriter e = new StringWriter();
    CommandLine cl = VerityCommand.newCommandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(e));
    int rc = cl.execute("node", "init", "--party", "US", "--agreement", "new-start", "--dir",
        dir.resolve(name).toString(), "--api-port", "0", "--peer-port", "0", "--api-cert",
        cert.toString(), "--api-key", key.toString());
    err = e.toString();
    return rc;
  }

  @Test
  void theApiAnswersHttpsWithTheOrganisationsCertificate() throws Exception {
    KeyPair kp = keyPair();
    X509Certificate cert = certificate(kp);
    Path certFile = dir.resolve("api.crt");
    Path keyFile = dir.resolve("api.key");
    pem(certFile, cert);
    pem(keyFile, new JcaPKCS8Generator(kp.getPrivate(), null)); // as openssl genpkey writes
    assertThat(init("us", certFile, keyFile)).as(err).isZero();
    assertThat(Files.readString(dir.resolve("us/node.yaml"))).contains("apiTls: true")
        .contains(certFile.toString());

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("api", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    try (Node node = Node.start(dir.resolve("us"))) {
      HttpClient client = HttpClient.newBuilder().sslContext(ctx).build();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(
          URI.create("https://127.0.0.1:" + node.apiPort() + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(cert);
    }
  }

  @Test
  void unreadableOrMismatchedFilesAreRefusedByName() throws Exception {
    KeyPair kp = keyPair();
    Path certFile = dir.resolve("api.crt");
    Path otherKey = dir.resolve("other.key");
    pem(certFile, certificate(kp));
    pem(otherKey, new JcaPKCS8Generator(keyPair().getPrivate(), null));
    assertThat(init("a", certFile, otherKey)).isNotZero();
    assertThat(err).contains("the key in " + otherKey + " does not belong to the certificate in "
        + certFile).doesNotContain("Exception");
    assertThat(init("b", dir.resolve("missing.crt"), otherKey)).isNotZero();
    assertThat(err).contains("apiCertificate.certificate " + dir.resolve("missing.crt")
        + ": no such file");
    assertThat(init("c", otherKey, otherKey)).isNotZero();
    assertThat(err).contains("no X.509 certificate in it");
    assertThat(init("d", certFile, certFile)).isNotZero();
    assertThat(err).contains("no private key in it");
    assertThat(dir.resolve("a/node.yaml")).doesNotExist();
  }
}
