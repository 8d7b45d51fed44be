package dev.verity.node.federation;

import dev.verity.node.config.PeerConfig;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PinnedTls;
import dev.verity.tlog.tiles.BundleId;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP over mutual TLS to one peer's peer port: its C2SP log read paths and its witness. The
 * peer's certificate must carry the key pinned in its identity file; this node presents its own.
 */
public final class PeerClient {
  private final PeerConfig peer;
  private final HttpClient http;
  private final URI base;

  public PeerClient(NodeIdentity self, PeerConfig peer) {
    this.peer = peer;
    this.base = URI.create(peer.url().endsWith("/") ? peer.url() : peer.url() + "/");
    this.http = HttpClient.newBuilder()
        .sslContext(PinnedTls.context(self, () -> Set.of(peer.identity().tlsPin())))
        .connectTimeout(Duration.ofSeconds(3))
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  public PeerConfig peer() {
    return peer;
  }

  /** The answer to a C2SP tlog-witness add-checkpoint request. */
  public record Answer(int status, String contentType, String body) {}

  public Answer addCheckpoint(String body) throws IOException {
    HttpRequest r = HttpRequest.newBuilder(base.resolve("witness/add-checkpoint"))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpResponse<String> resp = send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(resp.statusCode(), resp.headers().firstValue("Content-Type").orElse(""), resp.body());
  }

  /** The peer's current checkpoint. */
  public byte[] checkpoint() throws IOException {
    return get("log/checkpoint").orElseThrow(() -> new IOException(peer.party() + ": no checkpoint"));
  }

  /** An entry bundle, if the peer has it at that width. */
  public Optional<byte[]> bundle(BundleId id) throws IOException {
    return get("log/" + id.path());
  }

  private Optional<byte[]> get(String path) throws IOException {
    HttpRequest r = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
    HttpResponse<byte[]> resp = send(r, HttpResponse.BodyHandlers.ofByteArray());
    if (resp.statusCode() == 404) {
      return Optional.empty();
    }
    if (resp.statusCode() != 200) {
      throw new IOException(peer.party() + ": GET " + path + ": HTTP " + resp.statusCode());
    }
    return Optional.of(resp.body());
  }

  private <T> HttpResponse<T> send(HttpRequest r, HttpResponse.BodyHandler<T> h) throws IOException {
    try {
      return http.send(r, h);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }
}
