package dev.verity.node.api;

import dev.verity.node.config.PeerConfig;
import dev.verity.node.federation.Push;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PinnedTls;
import dev.verity.node.verify.StorageCorruptException;
import dev.verity.tlog.tiles.TileFormatException;
import dev.verity.tlog.tiles.TilePath;
import dev.verity.tlog.witness.WitnessResponse;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The peer port, always mutual TLS: only clients whose certificate key is pinned in this node's
 * configuration get past the handshake. Serves this node's log as C2SP tlog-tiles
 * ({@code /log/checkpoint}, {@code /log/tile/...}) and its witness
 * ({@code POST /witness/add-checkpoint}, C2SP tlog-witness).
 */
public final class PeerServer implements AutoCloseable {
  /** C2SP tlog-witness: a checkpoint with many signatures and 63 proof lines fits in 64 KiB. */
  static final int MAX_WITNESS_BODY = 64 * 1024;

  private final Javalin app;
  private final String host;

  private PeerServer(Javalin app, String host) {
    this.app = app;
    this.host = host;
  }

  public static PeerServer start(ServedNode node) {
    Set<String> pins = node.config().peers().stream().map(p -> p.identity().tlsPin()).collect(Collectors.toSet());
    var tls = PinnedTls.context(node.identity(), () -> pins);
    String host = node.config().peerHost();
    var limits = node.config().connectionLimits();
    Javalin app = Http.create(host, node.config().peerPort(), tls, true, Push.MAX_SIZE, limits,
        limits.perAddress(), cfg -> {
      cfg.routes.before(ctx -> peer(node, ctx));
      cfg.requestLogger.http((ctx, ms) -> node.metrics().request("peer", ctx.method().name(),
          OpsRoutes.route(ctx), ctx.statusCode(), Duration.ofNanos((long) (ms * 1e6))));
      cfg.routes.get("/log/checkpoint", ctx -> {
        byte[] cp = served(() -> node.verifiedLog().head().checkpoint());
        ctx.contentType("text/plain; charset=utf-8").header("Cache-Control", "no-cache").result(cp);
      });
      cfg.routes.get("/log/tile/<path>", ctx -> {
        TilePath p;
        try {
          p = TilePath.parse("tile/" + ctx.pathParam("path"));
        } catch (TileFormatException e) {
          throw new Http.ApiError(400, "path", "not a tile path: " + e.getMessage());
        }
        // checked against the signed checkpoint before it leaves: never a damaged file as the log
        byte[] data = served(() -> node.verifiedLog().tile(node.verifiedLog().head(), p))
            .orElseThrow(() -> new Http.ApiError(404, null, "no such tile"));
        // C2SP tlog-tiles: tiles are immutable; full ones can be cached for ever
        ctx.contentType("application/octet-stream")
            .header("Cache-Control", p.isFull() ? "public, max-age=31536000, immutable" : "no-cache").result(data);
      });
      cfg.routes.post("/witness/add-checkpoint", ctx -> {
        Http.requireLength(ctx, MAX_WITNESS_BODY);
        PeerConfig from = admitted(node, ctx);
        WitnessResponse r = node.witness().addCheckpoint(from, Http.body(ctx, MAX_WITNESS_BODY));
        ctx.status(r.status()).contentType(r.contentType()).result(r.body());
      });
      // add-checkpoint with the entries it adds (Push, decision D18): one round trip per receipt
      cfg.routes.post("/witness/add-checkpoint-with-entries", ctx -> {
        Http.requireLength(ctx, Push.MAX_SIZE);
        PeerConfig from = admitted(node, ctx);
        WitnessResponse r = node.witness().addPush(from, Http.body(ctx, Push.MAX_SIZE));
        ctx.status(r.status()).contentType(r.contentType()).result(r.body());
      });
    });
    Http.start(app);
    return new PeerServer(app, host);
  }

  /** The requesting peer, if it may be served now; else 429 with the seconds to wait (PeerGate). */
  private static PeerConfig admitted(ServedNode node, Context ctx) {
    PeerConfig from = peer(node, ctx);
    long wait = node.witness().admit(from.party());
    if (wait > 0) {
      ctx.header("Retry-After", Long.toString(wait));
      throw new Http.ApiError(429, null,
          "too many requests, or too many refused: retry after " + wait + " s");
    }
    return from;
  }

  @FunctionalInterface
  private interface Read<T> {
    T get() throws java.io.IOException;
  }

  /** A read of the own log for a peer: what does not verify is withheld (503), never served. */
  private static <T> T served(Read<T> read) throws java.io.IOException {
    try {
      return read.get();
    } catch (StorageCorruptException e) {
      throw new Http.ApiError(503, null,
          "this node's storage is damaged and is being repaired; retry later");
    }
  }

  /** The pinned peer behind this request's client certificate. */
  static PeerConfig peer(ServedNode node, Context ctx) {
    Object attr = ctx.req().getAttribute("jakarta.servlet.request.X509Certificate");
    if (!(attr instanceof X509Certificate[] chain) || chain.length == 0) {
      throw new Http.ApiError(401, null, "a pinned peer certificate is required");
    }
    String pin = NodeIdentity.pin(chain[0]);
    return node.config().peers().stream().filter(p -> p.identity().tlsPin().equals(pin)).findFirst()
        .orElseThrow(() -> new Http.ApiError(403, null, "certificate key is not pinned"));
  }

  public int port() {
    return Http.port(app);
  }

  public String url() {
    return "https://" + host + ":" + port() + "/";
  }

  @Override
  public void close() {
    app.stop();
  }
}
