package dev.verity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.federation.PeerError.Kind;
import dev.verity.node.identity.PinnedTls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * How a failed exchange with a peer is classified (by the exception's type; a TLS alert by its
 * RFC 8446 name) and kept: the last error replaced by each failure, marked past by a success.
 */
class PeerErrorTest {
  private static final Instant AT = Instant.parse("2026-12-03T15:00:00Z");

  private static Kind kind(IOException e) {
    return PeerError.of(e, AT).kind();
  }

  @Test
  void eachFailureHasItsKind() {
    SSLHandshakeException pin = new SSLHandshakeException("(certificate_unknown) not pinned");
    pin.initCause(new PinnedTls.NotPinnedException("abc"));
    assertThat(kind(pin)).isEqualTo(Kind.TLS_PIN_MISMATCH);
    assertThat(kind(new SSLException("Received fatal alert: certificate_unknown")))
        .isEqualTo(Kind.TLS_REFUSED_BY_PEER);
    assertThat(kind(new SSLHandshakeException("Received fatal alert: bad_certificate")))
        .isEqualTo(Kind.TLS_REFUSED_BY_PEER);
    assertThat(kind(new SSLHandshakeException("Remote host terminated the handshake")))
        .isEqualTo(Kind.TLS_HANDSHAKE);
    assertThat(kind(new ConnectException("Connection refused"))).isEqualTo(Kind.REFUSED);
    assertThat(kind(new SocketTimeoutException("Read timed out"))).isEqualTo(Kind.TIMEOUT);
    assertThat(kind(new UnknownHostException("ru.example"))).isEqualTo(Kind.NETWORK);
    assertThat(kind(new SocketException("Connection reset"))).isEqualTo(Kind.NETWORK);
    assertThat(Kind.TLS_PIN_MISMATCH.wire()).isEqualTo("tls-pin-mismatch");
  }

  @Test
  void anHttpErrorKeepsItsStatusAndABoundedPrintableLine() {
    PeerError e = PeerError.http(403, "peer RU is not a participant\u001b[31m\nsecond line", AT);
    assertThat(e.kind()).isEqualTo(Kind.HTTP);
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.detail()).isEqualTo("HTTP 403: peer RU is not a participant?[31m");
    String flood = "x".repeat(10_000);
    assertThat(PeerError.http(500, flood, AT).detail()).hasSize(PeerError.MAX_DETAIL + 1);
  }

  @Test
  void aSuccessMarksTheLastErrorPastAndKeepsIt() {
    PeerErrors errors = new PeerErrors(Clock.fixed(AT, ZoneOffset.UTC));
    assertThat(errors.last("RU")).isEmpty();
    errors.ok("RU");
    assertThat(errors.last("RU")).isEmpty();
    errors.failed("RU", new ConnectException("Connection refused"));
    assertThat(errors.last("RU")).hasValueSatisfying(l -> {
      assertThat(l.ongoing()).isTrue();
      assertThat(l.error().kind()).isEqualTo(Kind.REFUSED);
      assertThat(l.error().at()).isEqualTo(AT);
    });
    errors.ok("RU");
    assertThat(errors.last("RU")).hasValueSatisfying(l -> {
      assertThat(l.ongoing()).isFalse();
      assertThat(l.error().kind()).isEqualTo(Kind.REFUSED);
    });
    errors.http("RU", 429, "too many requests");
    assertThat(errors.last("RU").orElseThrow().error().status()).isEqualTo(429);
    errors.forget("RU");
    assertThat(errors.last("RU")).isEmpty();
  }
}
