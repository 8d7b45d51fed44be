package dev.verity.node.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.verity.node.api.DashboardRoutes;
import dev.verity.node.api.VendorAssets;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Serves a test page beside the dashboard's real assets, on 127.0.0.1 and a port it picks, with the
 * dashboard's Content-Security-Policy: {@code /} and {@code /maptest.js} from the test resources,
 * {@code /assets/…} from the jar's dashboard, {@code /vendor/…} through {@link VendorAssets}. Every
 * path asked for is recorded.
 */
final class AssetServer implements AutoCloseable {
  private static final String PAGE = "/dev/verity/node/web/maptest/";
  private static final String ASSETS = "/dev/verity/node/web/assets/";
  private static final Map<String, String> TYPES =
      Map.of(
          "html",
          "text/html; charset=utf-8",
          "js",
          "text/javascript; charset=utf-8",
          "css",
          "text/css; charset=utf-8",
          "json",
          "application/json");

  final List<String> requested = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  AssetServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    requested.add(path);
    byte[] body =
        path.startsWith("/vendor/")
            ? VendorAssets.find(path.substring("/vendor/".length()))
                .map(VendorAssets.Asset::bytes)
                .orElse(null)
            : resource(
                path.equals("/")
                    ? PAGE + "index.html"
                    : path.startsWith("/assets/")
                        ? ASSETS + path.substring("/assets/".length())
                        : PAGE + path.substring(1));
    x.getResponseHeaders().set("Content-Security-Policy", DashboardRoutes.CSP);
    x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (body == null || path.contains("..")) {
      x.sendResponseHeaders(404, -1);
    } else {
      String ext = path.equals("/") ? "html" : path.substring(path.lastIndexOf('.') + 1);
      x.getResponseHeaders()
          .set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
    }
    x.close();
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = AssetServer.class.getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
