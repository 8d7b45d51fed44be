package dev.verity.node.module;

import io.javalin.http.Handler;
import java.util.Objects;

/**
 * One route of a module: its method and path (OpenAPI syntax, {@code /api/v1/inspections/{id}}),
 * the role a caller's token needs, and its handler. Every route needs a token; the API checks the
 * role before the handler runs.
 *
 * @param method {@code GET} or {@code POST}
 * @param path the path, with {@code {name}} for a path parameter
 * @param role the role the caller needs
 * @param handler what answers
 */
public record Route(String method, String path, Role role, Handler handler) {
  /** Where every module route lives: under the API's authentication. */
  public static final String API = "/api/v1/";

  /** Who may call a route. */
  public enum Role {
    /** Any valid token (viewer or operator). */
    ANY,
    /** An operator token: the route changes something. */
    OPERATOR
  }

  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(role, "role");
    if (!method.equals("GET") && !method.equals("POST")) {
      throw new IllegalArgumentException("method: GET or POST, not " + method);
    }
    // the API authenticates every call under /api/v1/: a route elsewhere would skip it
    if (!path.startsWith(API)) {
      throw new IllegalArgumentException("path: under " + API + ", not " + path);
    }
  }

  /** A read route any token may call. */
  public static Route get(String path, Handler handler) {
    return new Route("GET", path, Role.ANY, handler);
  }

  /** A POST route that needs {@code role}. */
  public static Route post(String path, Role role, Handler handler) {
    return new Route("POST", path, role, handler);
  }

  /** {@code "GET /api/v1/..."}, as the OpenAPI check lists routes. */
  public String signature() {
    return method + " " + path;
  }
}
