package dev.verity.node.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP server for tests (RFC 5321, the commands a submission client uses): on 127.0.0.1 and a
 * port it picks, one connection at a time, recording each accepted mail and the transcript of
 * commands. It offers STARTTLS when given a TLS context (or speaks TLS from the first byte when
 * {@code implicit}), AUTH PLAIN and LOGIN against one user and password, and answers a command with
 * a queued reply once when told to ({@link #replyOnce}).
 */
public final class SmtpSink implements AutoCloseable {
  public record Mail(String from, List<String> to, String data, boolean tls, String user) {}

  public final List<Mail> mails = new CopyOnWriteArrayList<>();
  final List<String> transcript = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<String>> once = new HashMap<>();
  private final ServerSocket server;
  private final SSLContext tls;
  private final boolean implicit;
  private final String user;
  private final String password;

  public SmtpSink(SSLContext tls, boolean implicit, String user, String password)
      throws IOException {
    this.tls = tls;
    this.implicit = implicit;
    this.user = user;
    this.password = password;
    this.server =
        implicit
            ? tls.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())
            : new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::serve, "smtp-sink");
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The next {@code verb} command (MAIL, RCPT, DATA, …) is answered with {@code reply}. */
  synchronized SmtpSink replyOnce(String verb, String reply) {
    once.computeIfAbsent(verb, k -> new ArrayDeque<>()).add(reply);
    return this;
  }

  private synchronized String scripted(String verb) {
    Deque<String> q = once.get(verb);
    return q == null ? null : q.poll();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(10_000);
        new Session(s).run();
      } catch (IOException e) {
        // a client that went away; the next one is served
      }
    }
  }

  /** One connection's state. */
  private final class Session {
    Socket socket;
    BufferedReader in;
    OutputStream out;
    boolean secure;
    String authenticated;
    String from;
    final List<String> to = new ArrayList<>();

    Session(Socket s) throws IOException {
      bind(s);
      secure = implicit;
    }

    void bind(Socket s) throws IOException {
      socket = s;
      in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      out = s.getOutputStream();
    }

    void reply(String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    void run() throws IOException {
      reply("220 sink.test ESMTP");
      for (String line; (line = in.readLine()) != null; ) {
        String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        transcript.add(verb.equals("AUTH") ? "AUTH " + line.split(" ")[1] : line);
        String scripted = scripted(verb);
        if (scripted != null) {
          reply(scripted);
          continue;
        }
        if (!command(verb, line)) {
          return;
        }
      }
    }

    boolean command(String verb, String line) throws IOException {
      switch (verb) {
        case "EHLO", "HELO" -> ehlo();
        case "STARTTLS" -> startTls();
        case "AUTH" -> auth(line);
        case "MAIL" -> {
          from = address(line);
          to.clear();
          reply("250 2.1.0 ok");
        }
        case "RCPT" -> {
          to.add(address(line));
          reply("250 2.1.5 ok");
        }
        case "DATA" -> data();
        case "RSET", "NOOP" -> reply("250 2.0.0 ok");
        case "QUIT" -> {
          reply("221 2.0.0 bye");
          return false;
        }
        default -> reply("502 5.5.1 not implemented");
      }
      return true;
    }

    void ehlo() throws IOException {
      reply("250-sink.test");
      if (tls != null && !secure) {
        reply("250-STARTTLS");
      }
      if (user != null) {
        reply("250-AUTH PLAIN LOGIN");
      }
      reply("250 8BITMIME");
    }

    void startTls() throws IOException {
      reply("220 2.0.0 ready to start TLS");
      SSLSocket s =
          (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
      s.setUseClientMode(false);
      s.startHandshake();
      bind(s);
      secure = true;
    }

    void auth(String line) throws IOException {
      String[] p = line.split(" ");
      String given;
      String givenPassword;
      if (p[1].equalsIgnoreCase("PLAIN")) {
        String b64 = p.length > 2 ? p[2] : prompt("");
        String[] parts =
            new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8).split("\0", -1);
        given = parts[1];
        givenPassword = parts[2];
      } else {
        given = decode(prompt("VXNlcm5hbWU6"));
        givenPassword = decode(prompt("UGFzc3dvcmQ6"));
      }
      if (given.equals(user) && givenPassword.equals(password)) {
        authenticated = given;
        reply("235 2.7.0 authenticated");
      } else {
        reply("535 5.7.8 authentication credentials invalid");
      }
    }

    String prompt(String challenge) throws IOException {
      reply("334 " + challenge);
      return in.readLine();
    }

    void data() throws IOException {
      if (user != null && authenticated == null) {
        reply("530 5.7.0 authentication required");
        return;
      }
      reply("354 end with <CRLF>.<CRLF>");
      StringBuilder b = new StringBuilder();
      for (String l; (l = in.readLine()) != null && !l.equals("."); ) {
        b.append(l.startsWith("..") ? l.substring(1) : l).append("\r\n");
      }
      mails.add(new Mail(from, List.copyOf(to), b.toString(), secure, authenticated));
      reply("250 2.0.0 queued");
    }
  }

  private static String address(String line) {
    return line.substring(line.indexOf('<') + 1, line.indexOf('>'));
  }

  private static String decode(String b64) {
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
    } catch (SocketException e) {
      // already closed
    }
  }
}
