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
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The peer port, always mutual TLS: only clients whose certificate key is pinned in this node's
 * configuration get past the handshake. Serves, for each agreement the node is in and only to
 * the peers that share it, its log as C2SP tlog-tiles ({@code /<agreement>/log/checkpoint},
 * {@code /<agreement>/log/tile/...}) and its witness ({@code POST
 * /<agreement>/witness/add-checkpoint}, C2SP tlog-witness). The same paths without the
 * agreement are those of the home agreement, as a node from before several agreements served.
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
    // at each handshake, the pins of node.yaml as the node runs it now (peers change live)
    var tls = PinnedTls.context(node.identity(), () -> node.config().peers().stream()
        .flatMap(p -> p.tlsPins().stream()).collect(Collectors.toSet()));
    String host = node.config().peerHost();
    var limits = node.config().connectionLimits();
    Javalin app = Http.create(host, node.config().peerPort(), tls, true, Push.MAX_SIZE, limits,
        limits.perAddress(), cfg -> {
      cfg.routes.before(ctx -> peer(node, ctx));
      cfg.requestLogger.http((ctx, ms) -> node.metrics().request("peer", ctx.method().name(),
          OpsRoutes.route(ctx), ctx.statusCode(), Duration.ofNanos((long) (ms * 1e6))));
      for (String prefix : List.of("/{agreement}", "")) {
        routes(cfg, node, prefix);
      }
    });
    Http.start(app);
    return new PeerServer(app, host);
  }

  /**
   * The log and witness routes of one agreement under {@code prefix}: {@code /{agreement}}, or
   * none for the home agreement at the paths of a node from before several agreements.
   */
  private static void routes(JavalinConfig cfg, ServedNode node, String prefix) {
    cfg.routes.get(prefix + "/log/checkpoint", ctx -> {
      ServedNode in = served(node, ctx);
      byte[] cp = served(() -> in.verifiedLog().head().checkpoint());
      ctx.contentType("text/plain; charset=utf-8").header("Cache-Control", "no-cache").result(cp);
    });
    cfg.routes.get(prefix + "/log/tile/<path>", ctx -> {
      ServedNode in = served(node, ctx);
      TilePath p;
      try {
        p = TilePath.parse("tile/" + ctx.pathParam("path"));
      } catch (TileFormatException e) {
        throw new Http.ApiError(400, "path", "not a tile path: " + e.getMessage());
      }
      // checked against the signed checkpoint before it leaves: never a damaged file as the log
      byte[] data = served(() -> in.verifiedLog().tile(in.verifiedLog().head(), p))
          .orElseThrow(() -> new Http.ApiError(404, null, "no such tile"));
      // C2SP tlog-tiles: tiles are immutable; full ones can be cached for ever
      ctx.contentType("application/octet-stream")
          .header("Cache-Control", p.isFull() ? "public, max-age=31536000, immutable" : "no-cache")
          .result(data);
    });
    cfg.routes.post(prefix + "/witness/add-checkpoint", ctx -> {
      Http.requireLength(ctx, MAX_WITNESS_BODY);
      ServedNode in = served(node, ctx);
      PeerConfig from = admitted(in, ctx);
      WitnessResponse r = in.witness().addCheckpoint(from, Http.body(ctx, MAX_WITNESS_BODY));
      ctx.status(r.status()).contentType(r.contentType()).result(r.body());
    });
    // add-checkpoint with the entries it adds (Push, decision D18): one round trip per receipt
    cfg.routes.post(prefix + "/witness/add-checkpoint-with-entries", ctx -> {
      Http.requireLength(ctx, Push.MAX_SIZE);
      ServedNode in = served(node, ctx);
      PeerConfig from = admitted(in, ctx);
      WitnessResponse r = in.witness().addPush(from, Http.body(ctx, Push.MAX_SIZE));
      ctx.status(r.status()).contentType(r.contentType()).result(r.body());
    });
  }

  /**
   * The node in the agreement of this request, for a peer that shares it: 404 for an agreement
   * this node is not in, 403 for a pinned peer that does not take part in it here (nothing of
   * that agreement is read or stored for it).
   */
  static ServedNode served(ServedNode node, Context ctx) {
    String a = ctx.pathParamMap().getOrDefault("agreement", node.agreements().get(0));
    ServedNode in = node.in(a).orElseThrow(
        () -> new Http.ApiError(404, null, "this node takes part in no agreement '" + a + "'"));
    String party = peer(node, ctx).party();
    if (in.config().peers().stream().noneMatch(p -> p.party().equals(party))) {
      throw new Http.ApiError(403, null, "peer " + party + " is not a participant of " + a
          + " here");
    }
    return in;
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
    return node.config().peers().stream().filter(p -> p.tlsPins().contains(pin)).findFirst()
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
