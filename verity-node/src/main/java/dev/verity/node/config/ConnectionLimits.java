package dev.verity.node.config;

/**
 * How long and how slowly a client may hold a connection to either port ({@code connectionLimits}
 * in {@code node.yaml}): a connection that has not finished its TLS handshake within {@link
 * #handshakeSeconds}, or sends bytes for {@link #requestSeconds} without completing a request's
 * headers, is closed; so is one idle for {@link #idleSeconds}; a request body slower than {@link
 * #minBytesPerSecond} fails; the peer port takes at most {@link #perAddress} connections from one
 * address. Slow-client attacks ("slowloris") on the peer port come from anyone who can reach it,
 * before any key is checked.
 */
public record ConnectionLimits(
    int handshakeSeconds,
    int requestSeconds,
    int idleSeconds,
    long minBytesPerSecond,
    int perAddress) {
  public static final ConnectionLimits DEFAULTS = new ConnectionLimits(10, 10, 30, 4096, 16);

  public ConnectionLimits {
    handshakeSeconds = handshakeSeconds <= 0 ? 10 : handshakeSeconds;
    requestSeconds = requestSeconds <= 0 ? 10 : requestSeconds;
    idleSeconds = idleSeconds <= 0 ? 30 : idleSeconds;
    minBytesPerSecond = minBytesPerSecond <= 0 ? 4096 : minBytesPerSecond;
    perAddress = perAddress <= 0 ? 16 : perAddress;
  }
}
