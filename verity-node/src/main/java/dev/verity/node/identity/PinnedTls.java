package dev.verity.node.identity;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Mutual TLS between nodes without any certificate authority: each side presents its
 * self-signed certificate and accepts the other's only if the SHA-256 of its public key
 * (SubjectPublicKeyInfo) is pinned (RFC 7469's pin, taken from the peer's identity file).
 *
 * <p>The trust manager extends {@link X509ExtendedTrustManager} on purpose: for a plain
 * X509TrustManager the JDK adds its own hostname check, which a pinned key makes redundant and
 * which self-signed certificates on 127.0.0.1 would fail (JSSE reference guide, "X509ExtendedTrustManager").
 */
public final class PinnedTls {
  /**
   * The only protocol either end speaks: {@code SSLContext.getInstance("TLSv1.3")} alone still
   * enables TLS 1.2, so each socket and engine is limited to this explicitly. Both ends are
   * Verity nodes: nothing needs an older protocol.
   */
  public static final String PROTOCOL = "TLSv1.3";

  private PinnedTls() {}

  /** An SSL context presenting {@code identity}'s certificate and trusting only {@code pins}. */
  public static SSLContext context(NodeIdentity identity, Supplier<Set<String>> pins) {
    try {
      SSLContext ctx = SSLContext.getInstance(PROTOCOL);
      ctx.init(identity.keyManagers(), new TrustManager[] {new PinnedTrustManager(pins)}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** A client socket factory of {@code context} that speaks TLS 1.3 only. */
  public static SSLSocketFactory clientFactory(SSLContext context) {
    return new Tls13Sockets(context.getSocketFactory());
  }

  /** Only for a TLS-protected operator API: the server's own certificate, no client certificates. */
  public static KeyStore keyStore(NodeIdentity identity) {
    return identity.tlsStore();
  }

  /**
   * The other end presented a valid certificate whose key is not pinned here: the peer's TLS key
   * changed, or it is not the peer configured. Its own type, so that a failed connection can be
   * told apart from other handshake failures without reading the message.
   */
  public static final class NotPinnedException extends CertificateException {
    private static final long serialVersionUID = 1L;

    public NotPinnedException(String pin) {
      super("certificate key is not pinned: sha256/" + pin);
    }
  }

  /** Accepts a chain whose leaf's public key is pinned and whose validity period covers now. */
  static final class PinnedTrustManager extends X509ExtendedTrustManager {
    private final Supplier<Set<String>> pins;

    PinnedTrustManager(Supplier<Set<String>> pins) {
      this.pins = pins;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("no certificate presented");
      }
      chain[0].checkValidity();
      String pin = NodeIdentity.pin(chain[0]);
      if (!pins.get().contains(pin)) {
        throw new NotPinnedException(pin);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
