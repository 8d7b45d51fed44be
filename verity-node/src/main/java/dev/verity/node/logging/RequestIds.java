package dev.verity.node.logging;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * A request id for every HTTP request, so that the log lines one request causes can be found
 * together: the caller's {@code X-Request-Id} when it is a short plain token (a proxy's or a load
 * balancer's), else a fresh random one. It is put in the MDC as {@link LogContext#REQUEST_ID} for
 * the request's handlers and echoed in the response header.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";

  /** Short and plain, so that a caller cannot write arbitrary text into the log. */
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final SecureRandom RANDOM = new SecureRandom();

  private RequestIds() {}

  /** Registers the before and after handlers; install it before the other handlers. */
  public static void install(JavalinConfig cfg) {
    cfg.routes.before(RequestIds::begin);
    cfg.routes.after(ctx -> MDC.remove(LogContext.REQUEST_ID));
  }

  static void begin(Context ctx) {
    String id = of(ctx.header(HEADER));
    MDC.put(LogContext.REQUEST_ID, id);
    ctx.header(HEADER, id);
  }

  /** The caller's id when acceptable, else a new one (16 random bytes, hex). */
  static String of(String offered) {
    if (offered != null && ACCEPTED.matcher(offered).matches()) {
      return offered;
    }
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
