package dev.verity.node.federation;

import dev.verity.node.config.PeerConfig;
import dev.verity.node.config.PeerLimits;
import dev.verity.node.federation.Mirror.BundleSource;
import dev.verity.node.federation.PeerPath.Choice;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PinnedTls;
import dev.verity.tlog.tiles.BundleId;
import dev.verity.tlog.tiles.TileSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP over mutual TLS to one peer's peer port, in one agreement (the agreement of the peer's
 * identity as given, {@link PeerConfig#forAgreement}): its C2SP log read paths and its witness
 * under {@code /<agreement>/}. The peer's certificate must carry the key pinned in its identity
 * file; this node presents its own.
 *
 * <p>Blocking {@link HttpsURLConnection} on the caller's thread, with kept-alive connections,
 * rather than {@code java.net.http.HttpClient}: every receipt waits on one of these round trips,
 * and the asynchronous client hands each request and response between several threads, which
 * on a busy machine cost more than the exchange itself (measured: decision D18).
 */
public final class PeerClient {
  static final String KEEP_ALIVE_PROPERTY = "http.keepAlive.time.server";
  static final int CONNECT_TIMEOUT_MS = 3_000;
  static final int READ_TIMEOUT_MS = 30_000;
  /** Answers: a few cosignature lines, a hash tile or an entry bundle (at most 256 × 64 KiB). */
  static final int MAX_ANSWER = 256 * 65_538;
  /** The peer is authenticated by its pinned key during the handshake (PinnedTls), not by name. */
  private static final HostnameVerifier PINNED = (host, session) -> true;

  /**
   * The JDK keeps an idle client connection 5 s unless the server says otherwise, and the mirror
   * poller asks each quiet peer every 5 s: so every poll was a new mutual-TLS handshake, N−1 of
   * them per node for N participants (issue 18). 25 s stays under the peer port's idle close
   * (30 s by default, ConnectionLimits); a connection the server closed first is retried by the
   * JDK on a new one. Set only if the operator has not set it.
   */
  static {
    if (System.getProperty(KEEP_ALIVE_PROPERTY) == null) {
      System.setProperty(KEEP_ALIVE_PROPERTY, "25");
    }
  }

  private final PeerConfig peer;
  /**
   * One factory for the client's life: the JDK keeps a TLS connection alive for reuse keyed by
   * the URL and this factory, so a new one per request would mean a mutual-TLS handshake each.
   */
  private final SSLSocketFactory tls;
  /**
   * Across a rotation of this node's TLS key (identity.TlsRotation), a second factory of its own
   * context, taken from the switch on: its connections and resumed sessions are all made with
   * the new certificate, where those kept alive from before would still show the peer the old
   * one, which it no longer accepts.
   */
  private final SSLSocketFactory tlsAfterSwitch;
  private final long switchAtMillis;
  /**
   * The peer's port with this agreement's path, {@code https://host:port/<agreement>/}, by its
   * URL or its backup URL (issue 14's backup path).
   */
  private final PeerPath path;
  /** The largest answer read: one entry bundle at the peer limits' entry size. */
  private final int maxAnswer;
  /** Where each exchange's failure (or success) is told, for the operator to see. */
  private final PeerErrors errors;

  public PeerClient(NodeIdentity self, PeerConfig peer) {
    this(self, peer, PeerLimits.DEFAULTS);
  }

  public PeerClient(NodeIdentity self, PeerConfig peer, PeerLimits limits) {
    this(self, peer, limits, new PeerErrors(Clock.systemUTC()), new PeerPath(peer));
  }

  /** A client telling {@code errors} how each exchange went, the way {@code path} chooses. */
  public PeerClient(
      NodeIdentity self, PeerConfig peer, PeerLimits limits, PeerErrors errors, PeerPath path) {
    this.peer = peer;
    this.errors = errors;
    this.maxAnswer = (int) Math.min(MAX_ANSWER, Math.max(64 * 1024, limits.bundleBytes()));
    this.path = path;
    this.tls =
        PinnedTls.clientFactory(PinnedTls.context(self, peer::tlsPins));
    this.switchAtMillis = self.tlsRotation().map(r -> r.effectiveAt().toEpochMilli())
        .orElse(Long.MAX_VALUE);
    this.tlsAfterSwitch = switchAtMillis == Long.MAX_VALUE ? tls
        : PinnedTls.clientFactory(PinnedTls.context(self, peer::tlsPins));
  }

  public PeerConfig peer() {
    return peer;
  }

  /** The peer answered 200 with something that does not check: its last error now. */
  public void badAnswer(String detail) {
    errors.badAnswer(peer.party(), detail);
  }

  /** Which way this client reaches the peer. */
  public PeerPath path() {
    return path;
  }

  /** The answer to a C2SP tlog-witness add-checkpoint request. */
  public record Answer(int status, String contentType, String body) {}

  public Answer addCheckpoint(String body) throws IOException {
    Answer a = post("witness/add-checkpoint", "text/plain; charset=utf-8",
        body.getBytes(StandardCharsets.UTF_8));
    // C2SP tlog-witness: 409 with the size the witness holds is part of the protocol
    told(a, a.status() == 409);
    return a;
  }

  /** The same with the entries it adds (Verity's {@link Push}); 404 from a witness without it. */
  public Answer addCheckpoint(Push push) throws IOException {
    Answer a = post("witness/add-checkpoint-with-entries", Push.CONTENT_TYPE, push.encode());
    told(a, a.status() == 409 || a.status() == 404); // 404: a plain witness, asked again plainly
    return a;
  }

  private void told(Answer a, boolean expected) {
    if (a.status() >= 400 && !expected) {
      errors.http(peer.party(), a.status(), a.body());
    } else {
      errors.ok(peer.party());
    }
  }

  /** The peer's current checkpoint. */
  public byte[] checkpoint() throws IOException {
    Optional<byte[]> cp = get("log/checkpoint");
    if (cp.isEmpty()) {
      errors.http(peer.party(), 404, "no checkpoint");
      throw new IOException(peer.party() + ": no checkpoint");
    }
    return cp.get();
  }

  /** An entry bundle, if the peer has it at that width. */
  public Optional<byte[]> bundle(BundleId id) throws IOException {
    return get("log/" + id.path());
  }

  /** The peer's log as the mirror reads it: entry bundles and hash tiles. */
  public BundleSource source() {
    return new Mirror.BundleSource() {
      @Override
      public Optional<byte[]> bundle(BundleId id) throws IOException {
        return PeerClient.this.bundle(id);
      }

      @Override
      public TileSource tiles() {
        return id -> get("log/" + id.path())
            .orElseThrow(() -> new NoSuchFileException(peer.party() + ": " + id.path()));
      }
    };
  }

  private Answer post(String to, String contentType, byte[] body) throws IOException {
    Raw a = told(base -> {
      HttpsURLConnection c = open(base, to);
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      // Not in streaming mode: the JDK then probes a kept-alive connection before each POST with
      // a blocking read of 1 ms (sun.net.www.http.HttpClient.available), 1.4 ms a push here
      // (D93). Buffered, the headers and body leave in one write, and a POST failed on a
      // connection the peer had closed is sent once more on a new one, as a GET is: a push may
      // come twice, and the witness answers a repeat as any retry (C2SP tlog-witness, D16).
      c.setRequestProperty("Content-Type", contentType);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      return new Raw(status, c.getContentType() == null ? "" : c.getContentType(),
          read(c, status));
    });
    return new Answer(a.status(), a.contentType(), new String(a.body(), StandardCharsets.UTF_8));
  }

  private Optional<byte[]> get(String from) throws IOException {
    Raw a = told(base -> {
      HttpsURLConnection c = open(base, from);
      int status = c.getResponseCode();
      // read to the end even when unused: the connection is then reused
      return new Raw(status, "", read(c, status));
    });
    if (a.status() == 404) {
      errors.ok(peer.party()); // an answer: the peer has no such tile or bundle
      return Optional.empty();
    }
    if (a.status() != 200) {
      errors.http(peer.party(), a.status(), new String(a.body(), StandardCharsets.UTF_8));
      throw new IOException(peer.party() + ": GET " + from + ": HTTP " + a.status());
    }
    errors.ok(peer.party());
    return Optional.of(a.body());
  }

  /** One exchange; a failure to reach the peer (by either way) is its last error. */
  private Raw told(Request r) throws IOException {
    try {
      return exchange(r);
    } catch (IOException e) {
      errors.failed(peer.party(), e);
      throw e;
    }
  }

  /**
   * One request, the way the path chooses; whether it was answered is told to the path. When
   * that failure changes the way (a switch to the backup, or a failed try of the primary from
   * the backup), the request is sent once more the new way at once.
   */
  private Raw exchange(Request r) throws IOException {
    Choice way = path.choose();
    try {
      return sendBy(way, r);
    } catch (IOException e) {
      Choice next = path.choose();
      if (next.equals(way)) {
        throw e;
      }
      return sendBy(next, r);
    }
  }

  private Raw sendBy(Choice way, Request r) throws IOException {
    try {
      Raw a = r.send(way.base());
      path.answered(way);
      return a;
    } catch (IOException e) {
      path.failed(way);
      throw e;
    }
  }

  /** A request to the peer at {@code base}. */
  private interface Request {
    Raw send(URI base) throws IOException;
  }

  /** An answer as read. */
  private record Raw(int status, String contentType, byte[] body) {}

  private HttpsURLConnection open(URI base, String path) throws IOException {
    HttpsURLConnection c = (HttpsURLConnection) base.resolve(path).toURL().openConnection();
    c.setSSLSocketFactory(System.currentTimeMillis() < switchAtMillis ? tls : tlsAfterSwitch);
    c.setHostnameVerifier(PINNED);
    c.setConnectTimeout(CONNECT_TIMEOUT_MS);
    c.setReadTimeout(READ_TIMEOUT_MS);
    c.setUseCaches(false);
    return c;
  }

  private byte[] read(HttpURLConnection c, int status) throws IOException {
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      if (in == null) {
        return new byte[0];
      }
      byte[] body = in.readNBytes(maxAnswer + 1);
      if (body.length > maxAnswer) {
        c.disconnect();
        throw new IOException("answer larger than " + maxAnswer + " bytes");
      }
      return body;
    }
  }
}
