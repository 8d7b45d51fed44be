package dev.verity.node.federation;

import dev.verity.node.identity.PinnedTls;
import dev.verity.node.identity.PinnedTls.NotPinnedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Why the last exchange with a peer failed, as a value an operator's program can branch on: its
 * {@link Kind}, the HTTP status when the peer answered one, a short detail in words (the
 * exception's message or the first line of the peer's answer, bounded and made printable: the
 * peer chose it) and when. Classified from the exception's type, never its message, except for
 * the TLS alert the peer sent, which the JDK only gives as text.
 */
public record PeerError(Kind kind, Integer status, String detail, Instant at) {
  /** The longest detail kept: a line on the dashboard, not a page of the peer's making. */
  static final int MAX_DETAIL = 300;

  /** TLS alerts (RFC 8446 §6.2) by which a peer refuses the certificate this node presented. */
  private static final Pattern REFUSED_ALERT = Pattern.compile(
      "bad_certificate|certificate_unknown|certificate_required|unknown_ca|access_denied");

  /** What went wrong, by the name the API and the dashboard use. */
  public enum Kind {
    /** The peer's certificate key is not the one pinned here (its key changed, or not the peer). */
    TLS_PIN_MISMATCH("tls-pin-mismatch"),
    /** The peer refused this node's certificate: it has not pinned this node's current key. */
    TLS_REFUSED_BY_PEER("tls-refused-by-peer"),
    /** Any other TLS failure (no common protocol, a handshake cut short). */
    TLS_HANDSHAKE("tls-handshake"),
    /** Nothing listens at the peer's address and port (the node is stopped, a wrong port). */
    REFUSED("refused"),
    /** No answer in time: connecting, or waiting for the answer. */
    TIMEOUT("timeout"),
    /** Any other network failure: a name that does not resolve, no route, a connection reset. */
    NETWORK("network"),
    /** The peer answered with an HTTP error status ({@link PeerError#status}). */
    HTTP("http"),
    /** The peer answered 200 with something that does not check (e.g. no pinned cosignature). */
    BAD_ANSWER("bad-answer");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    /** The kind's name in the API ({@code tls-pin-mismatch}, {@code refused}, ...). */
    public String wire() {
      return wire;
    }
  }

  /** The failure {@code e} seen at {@code at}. */
  public static PeerError of(IOException e, Instant at) {
    return new PeerError(kindOf(e), null, printable(String.valueOf(e.getMessage())), at);
  }

  /** An HTTP error answer of the peer: its status and the first line of its body. */
  public static PeerError http(int status, String body, Instant at) {
    String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
    return new PeerError(Kind.HTTP, status, printable("HTTP " + status
        + (line.isEmpty() ? "" : ": " + line)), at);
  }

  /** An answer that does not check, in {@code detail}. */
  public static PeerError badAnswer(String detail, Instant at) {
    return new PeerError(Kind.BAD_ANSWER, null, printable(detail), at);
  }

  static Kind kindOf(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NotPinnedException) {
        return Kind.TLS_PIN_MISMATCH;
      }
    }
    if (e instanceof SSLException) {
      String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      return REFUSED_ALERT.matcher(m).find() ? Kind.TLS_REFUSED_BY_PEER : Kind.TLS_HANDSHAKE;
    }
    if (e instanceof ConnectException) {
      return Kind.REFUSED;
    }
    return e instanceof SocketTimeoutException ? Kind.TIMEOUT : Kind.NETWORK;
  }

  /** At most {@link #MAX_DETAIL} characters, controls and other unprintables as '?'. */
  static String printable(String s) {
    String cut = s.length() > MAX_DETAIL ? s.substring(0, MAX_DETAIL) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
