package dev.verity.node.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PinnedTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * A hostile peer's log server: serves the files of a log directory as they are on disk ({@code GET
 * /log/...}) over mutual TLS with that peer's identity, without checking them against the
 * checkpoint as a Verity node does. A test tampers with a file and this serves it: the peer then
 * serves entries its signed checkpoint does not commit to.
 */
final class StaticLogServer implements AutoCloseable {
  private final HttpsServer server;

  StaticLogServer(NodeIdentity as, Path logDir, String pinnedClient) throws IOException {
    SSLContext tls = PinnedTls.context(as, () -> Set.of(pinnedClient));
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            params.setNeedClientAuth(true);
          }
        });
    server.createContext("/", ex -> serve(ex, logDir));
    server.start();
  }

  private static void serve(HttpExchange ex, Path logDir) throws IOException {
    // the log under /<agreement>/log/ as nodes ask for it, or /log/ as before
    String path = ex.getRequestURI().getPath();
    int at = path.indexOf("/log/");
    if (at < 0) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    Path f = logDir.resolve(path.substring(at + "/log/".length())).normalize();
    byte[] body = f.startsWith(logDir) && Files.isRegularFile(f) ? Files.readAllBytes(f) : null;
    ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
    if (body != null) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
