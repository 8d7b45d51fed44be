package dev.verity.node.api;

import dev.verity.node.config.ConnectionLimits;
import dev.verity.node.identity.PinnedTls;
import dev.verity.node.json.CanonicalJson;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.message.JsonProblems;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both servers share: JSON answers, the error shape, and a Jetty connector with or without
 * TLS.
 */
public final class Http {
  private static final Logger LOG = LoggerFactory.getLogger(Http.class);

  /** The most an oversized request's body is read (and discarded) to deliver its 413. */
  static final long DISCARD_LIMIT = 16L * 1024 * 1024;

  private Http() {}

  /** A 4xx/5xx answer with {@code {"error": ..., "field": ...}}. */
  public static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String field;
    final String refusal;

    public ApiError(int status, String field, String message) {
      this(status, field, message, null);
    }

    /**
     * With {@code refusal}: the answer also carries {@code refusal} and {@code reason}
     * (inspection steps).
     */
    public ApiError(int status, String field, String message, String refusal) {
      super(message);
      this.status = status;
      this.field = field;
      this.refusal = refusal;
    }
  }

  /**
   * A JSON object with {@code keysAndValues} in the order given. {@code Map.of} orders its keys
   * by a salt drawn per JVM, so two nodes (or two runs) would answer the same object with its
   * keys in different orders; answers compare byte for byte only in a fixed order.
   */
  public static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** Answers {@code body} as JSON with {@code status}. */
  public static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json")
          .result(CanonicalJson.mapper().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void error(Context ctx, int status, String field, String message) {
    error(ctx, status, field, message, null);
  }

  static void error(Context ctx, int status, String field, String message, String refusal) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    if (field != null) {
      m.put("field", field);
    }
    if (refusal != null) {
      m.put("refusal", refusal);
      m.put("reason", message);
    }
    json(ctx, status, m);
  }

  /**
   * A Javalin server on {@code host:port}; with {@code tls} non-null the one connector speaks
   * TLS with that context, and with {@code needClientAuth} demands a client certificate.
   */
  static Javalin create(String host, int port, SSLContext tls, boolean needClientAuth, long maxBody,
      ConnectionLimits limits, int perAddress, Consumer<JavalinConfig> routes) {
    return Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.maxRequestSize = maxBody;
      cfg.jetty.host = host;
      cfg.jetty.port = port;
      cfg.jetty.addConnector((server, httpConfig) -> {
        // an answer slower than this fails: a slow reader holds no thread for long; a slow
        // request (headers or body) is the ConnectionGuard's, which counts the client's time only
        httpConfig.setMinResponseDataRate(limits.minBytesPerSecond());
        ServerConnector c;
        if (tls != null) {
          SslContextFactory.Server f = new SslContextFactory.Server();
          f.setSslContext(tls);
          f.setIncludeProtocols(PinnedTls.PROTOCOL); // only TLS 1.3, as the code always meant (D39)
          f.setNeedClientAuth(needClientAuth);
          f.setWantClientAuth(needClientAuth);
          SecureRequestCustomizer src = new SecureRequestCustomizer();
          src.setSniHostCheck(false); // peers are pinned by key, not by name
          httpConfig.addCustomizer(src);
          c = new ServerConnector(server, new SslConnectionFactory(f, "http/1.1"),
              new HttpConnectionFactory(httpConfig));
        } else {
          c = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        }
        c.setHost(host);
        c.setPort(port);
        c.setIdleTimeout(limits.idleSeconds() * 1000L);
        c.addBean(new ConnectionGuard(limits, perAddress));
        return c;
      });
      cfg.routes.exception(Answered.class, (e, ctx) -> { });
      cfg.routes.exception(ApiError.class,
          (e, ctx) -> error(ctx, e.status, e.field, e.getMessage(), e.refusal));
      cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
        if (e.getStatus() == 413) {
          tooLarge(ctx, maxBody); // Javalin's own limit: delivered the same way
          return;
        }
        error(ctx, e.getStatus(), null, e.getMessage());
      });
      cfg.routes.exception(Exception.class, (e, ctx) -> {
        if (e instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
          failedOnArrival(ctx, h);
          return;
        }
        LOG.error("{} {}: {}", ctx.method(), ctx.path(), e.toString());
        error(ctx, 500, null, "internal error: the node could not answer; its log says why");
      });
      cfg.routes.error(404, "*", ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
          error(ctx, 404, null, "not found: " + ctx.method() + " " + ctx.path());
        }
      });
      routes.accept(cfg);
    });
  }

  /**
   * A request that failed as it arrived, read by the handler: the client hung up mid-body (Jetty's
   * early EOF, 400) or sent a malformed message. The client's doing, not a fault of this node: its
   * own status, and a line in the log at INFO (a peer that cut its link mid-push is no error of
   * ours, and was logged as one with a 500 before).
   */
  private static void failedOnArrival(Context ctx, HttpException h) {
    LOG.info("{} {}: the request failed as it arrived: {} {}", ctx.method(), ctx.path(),
        h.getCode(), h.getReason());
    error(ctx, h.getCode(), null, "the request failed as it arrived: " + h.getReason());
  }

  /**
   * The request body, refused with 413 before it is read when it declares more than {@code limit}
   * bytes, and read no further than {@code limit} + 1 bytes when it declares nothing (chunked).
   */
  static byte[] body(Context ctx, int limit) throws IOException {
    requireLength(ctx, limit);
    byte[] body = ctx.req().getInputStream().readNBytes(limit + 1);
    if (body.length > limit) {
      throw tooLarge(ctx, limit);
    }
    return body;
  }

  /** 413 if the request declares a body of more than {@code limit} bytes. */
  static void requireLength(Context ctx, long limit) {
    if (ctx.contentLength() > limit) {
      throw tooLarge(ctx, limit);
    }
  }

  /**
   * The 413 for a body over {@code limit}: answered at once, then what the client is still
   * sending is read and discarded, up to {@link #DISCARD_LIMIT} bytes, before the connection
   * closes. A server that answers and closes while the client is still uploading makes the
   * client's TCP stack reset the connection, and the client then never reads the answer (RFC 9112
   * §9.6, "tear-down": a server should read the request before closing); a client that declares a
   * body and sends none still gets its answer first. A body over the discard limit is not read:
   * the connection closes, and a client that sends that much gets a reset. The read is bounded in
   * time by the connector's minimum data rate, so a slow client holds the thread no longer than
   * any other request.
   */
  static RuntimeException tooLarge(Context ctx, long limit) {
    String message = "request larger than " + limit + " bytes";
    HttpServletResponse res = ctx.res();
    if (res.isCommitted()) {
      return new ApiError(413, null, message);
    }
    try {
      byte[] body = CanonicalJson.mapper().writeValueAsBytes(Map.of("error", message));
      res.setStatus(413);
      res.setContentType("application/json");
      res.setHeader("Connection", "close");
      res.setContentLength(body.length);
      res.getOutputStream().write(body);
      res.flushBuffer();
    } catch (IOException e) {
      return new Answered(); // the client went away: nothing more to say
    }
    if (ctx.contentLength() <= DISCARD_LIMIT) {
      discard(ctx);
    }
    return new Answered();
  }

  private static void discard(Context ctx) {
    try (InputStream in = ctx.req().getInputStream()) {
      long left = DISCARD_LIMIT;
      byte[] buf = new byte[16 * 1024];
      for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0; ) {
        left -= n;
      }
    } catch (IOException | IllegalStateException e) {
      LOG.debug("discarding an oversized request body: {}", e.toString());
    }
  }

  /** A request already answered (its response committed): nothing more is written. */
  static final class Answered extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Answered() {
      super("answered", null, false, false);
    }
  }

  /**
   * Starts {@code app}; if it cannot (its port is taken), stops what Jetty began, so that a node
   * whose start fails keeps no thread and no port.
   */
  static Javalin start(Javalin app) {
    try {
      return app.start();
    } catch (RuntimeException e) {
      app.stop();
      throw e;
    }
  }

  /**
   * The request body, which must be a JSON object with no fields but {@code fields}: an unknown
   * one is refused by name (a misspelt field would otherwise be silently ignored).
   */
  public static JsonNode jsonObject(Context ctx, String... fields) {
    JsonNode body;
    try {
      body = CanonicalJson.mapper().readTree(ctx.bodyAsBytes());
    } catch (JsonProcessingException e) {
      throw new ApiError(400, null, JsonProblems.describe(e));
    } catch (IOException e) {
      throw new ApiError(400, null, "cannot read the request body");
    }
    if (body == null || !body.isObject()) {
      throw new ApiError(400, null,
          "the body must be a JSON object {" + String.join(", ", fields) + "}");
    }
    var names = body.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!List.of(fields).contains(f)) {
        throw new ApiError(400, f, JsonProblems.unknownField(f, List.of((Object[]) fields)));
      }
    }
    return body;
  }

  /** The text value of {@code field}, or null. */
  public static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() ? null : v.textValue();
  }

  /** The port the server really listens on (port 0 picks one). */
  static int port(Javalin app) {
    return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
  }
}
