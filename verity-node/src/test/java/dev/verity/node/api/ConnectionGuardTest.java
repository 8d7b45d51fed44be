package dev.verity.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.config.ConnectionLimits;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The slow-request rule of {@link ConnectionGuard} over plain HTTP on 127.0.0.1 (the peer port
 * runs the same guard behind mutual TLS): a client that trickles a request, headers or body, is
 * closed once {@code requestSeconds} have passed; a client whose request arrived in pieces, or
 * whose answer this node is slow to give, is answered, and its connection stays open for the
 * next request (D92). A client that stops sending mid-body gets a 400 of its own, not the
 * node's 500.
 */
class ConnectionGuardTest {
  private static final int REQUEST_SECONDS = 1;
  private static final int LIMIT = 64 * 1024;

  private Javalin app;
  private int port;

  @BeforeEach
  void start() {
    ConnectionLimits limits = new ConnectionLimits(10, REQUEST_SECONDS, 30, 4096, 0);
    app = Http.start(Http.create("127.0.0.1", 0, null, false, LIMIT, limits, 0, cfg -> {
      cfg.routes.post("/echo", ctx -> ctx.result("" + Http.body(ctx, LIMIT).length));
      cfg.routes.post("/slow", ctx -> {
        int n = Http.body(ctx, LIMIT).length;
        Thread.sleep(2_500); // this node's own slowness: longer than requestSeconds
        ctx.result("" + n);
      });
    }));
    port = Http.port(app);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void headersTrickledInAreClosed() throws Exception {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      boolean closed = trickle(s, post("/echo", 100).getBytes(StandardCharsets.US_ASCII));
      assertThat(closed).as("closed before the headers were done").isTrue();
      assertThat(seconds(t0)).isLessThan(REQUEST_SECONDS + 1.5);
    }
  }

  @Test
  void aBodyTrickledInIsClosed() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write(post("/echo", 100).getBytes(StandardCharsets.US_ASCII));
      long t0 = System.nanoTime();
      boolean closed = trickle(s, new byte[100]);
      assertThat(closed).as("closed before the body was done").isTrue();
      assertThat(seconds(t0)).isLessThan(REQUEST_SECONDS + 1.5);
    }
  }

  @Test
  void aRequestInPiecesIsAnsweredAndItsConnectionKept() throws Exception {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      // the body 400 ms after the headers: Jetty's own rate (4096 B/s from the first chunk read)
      // refused this with 408, and the guard's old rule closed the kept-alive connection later
      out.write(post("/echo", 100).getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[50]);
      out.flush();
      Thread.sleep(400);
      out.write(new byte[50]);
      out.flush();
      assertThat(answer(s.getInputStream())).isEqualTo("200 100");
      Thread.sleep(2_500); // quiet, longer than requestSeconds: idle, not slow
      out.write((post("/echo", 3) + "abc").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(answer(s.getInputStream())).as("the same connection, reused").isEqualTo("200 3");
    }
  }

  @Test
  void aSlowAnswerIsNotTheClientsSlowness() throws Exception {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(post("/slow", 10).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(300);
      out.write(new byte[10]);
      out.flush();
      assertThat(answer(s.getInputStream())).isEqualTo("200 10");
    }
  }

  @Test
  void aBodyCutShortIsTheClientsFailureNotAnInternalError() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write((post("/echo", 100) + "only half").getBytes(
          StandardCharsets.US_ASCII));
      s.shutdownOutput(); // the end of the request, 91 bytes short
      assertThat(answer(s.getInputStream())).startsWith("400 ")
          .contains("the request failed as it arrived");
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
    s.setSoTimeout(10_000);
    return s;
  }

  private static String post(String path, int length) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
        + "Content-Length: " + length + "\r\n\r\n";
  }

  /** Sends a byte every 100 ms; true once the server has closed the connection. */
  private static boolean trickle(Socket s, byte[] bytes) throws InterruptedException {
    try {
      OutputStream out = s.getOutputStream();
      s.setSoTimeout(1);
      for (byte b : bytes) {
        out.write(b);
        out.flush();
        if (closedByServer(s)) {
          return true;
        }
        Thread.sleep(100);
      }
      return false;
    } catch (IOException e) {
      return true; // reset while writing
    }
  }

  private static boolean closedByServer(Socket s) throws IOException {
    try {
      return s.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }

  /** The status and body of one answer, as "200 body"; "closed" if the server closed first. */
  private static String answer(InputStream in) throws IOException {
    String head = readHead(in);
    if (head == null) {
      return "closed";
    }
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    String body = new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    return head.substring(9, 12) + " " + body;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      String s = head.toString(StandardCharsets.US_ASCII);
      if (s.endsWith("\r\n\r\n")) {
        return s;
      }
    }
    return null;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
