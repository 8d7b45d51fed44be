package dev.verity.node.api;

import dev.verity.node.config.ConnectionLimits;
import dev.verity.node.identity.PinnedTls;
import dev.verity.node.json.CanonicalJson;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What both servers share: JSON answers, the error shape, and a Jetty connector with or without TLS. */
final class Http {
  private static final Logger LOG = LoggerFactory.getLogger(Http.class);

  private Http() {}

  /** A 4xx/5xx answer with {@code {"error": ..., "field": ...}}. */
  static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String field;
    final String refusal;

    ApiError(int status, String field, String message) {
      this(status, field, message, null);
    }

    /** With {@code refusal}: the answer also carries {@code refusal} and {@code reason} (inspection steps). */
    ApiError(int status, String field, String message, String refusal) {
      super(message);
      this.status = status;
      this.field = field;
      this.refusal = refusal;
    }
  }

  static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(CanonicalJson.mapper().writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
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
        // a body (either way) slower than this fails: a slow client holds no thread for long
        httpConfig.setMinRequestDataRate(limits.minBytesPerSecond());
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
          c = new ServerConnector(server, new SslConnectionFactory(f, "http/1.1"), new HttpConnectionFactory(httpConfig));
        } else {
          c = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        }
        c.setHost(host);
        c.setPort(port);
        c.setIdleTimeout(limits.idleSeconds() * 1000L);
        c.addBean(new ConnectionGuard(limits, perAddress));
        return c;
      });
      cfg.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.field, e.getMessage(), e.refusal));
      cfg.routes.exception(io.javalin.http.HttpResponseException.class,
          (e, ctx) -> error(ctx, e.getStatus(), null, e.getMessage()));
      cfg.routes.exception(Exception.class, (e, ctx) -> {
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
   * The request body, refused with 413 before it is read when it declares more than {@code limit}
   * bytes, and read no further than {@code limit} + 1 bytes when it declares nothing (chunked).
   */
  static byte[] body(Context ctx, int limit) throws java.io.IOException {
    requireLength(ctx, limit);
    byte[] body = ctx.req().getInputStream().readNBytes(limit + 1);
    if (body.length > limit) {
      throw new ApiError(413, null, "request larger than " + limit + " bytes");
    }
    return body;
  }

  /** 413 if the request declares a body of more than {@code limit} bytes (nothing is read). */
  static void requireLength(Context ctx, int limit) {
    if (ctx.contentLength() > limit) {
      throw new ApiError(413, null, "request larger than " + limit + " bytes");
    }
  }

  /** The port the server really listens on (port 0 picks one). */
  static int port(Javalin app) {
    return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
  }
}
