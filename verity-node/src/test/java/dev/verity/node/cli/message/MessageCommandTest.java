package dev.verity.node.cli.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.runtime.Node;
import dev.verity.node.testing.Cli;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** {@code verity message submit|list|show} against an exercise node in process: each exit code. */
class MessageCommandTest {
  @TempDir Path dir;

  @Test
  void everyExitCodeAsDocumented() throws Exception {
    Path nodeDir = dir.resolve("US");
    Cli.Result init = Cli.initExercise(nodeDir, "US", "new-start", "2020-03-02T00:00:00Z");
    String token = Cli.token(init, "operator");
    Path declaration =
        write(
            "d.json",
            "{\"asOf\":\"2020-03-01\",\"facilities\":[{\"id\":\"WHIT\",\"kind\":\"air-base\"},"
                + "{\"id\":\"MINOT\",\"kind\":\"air-base\"}],"
                + "\"items\":[{\"id\":\"B1\",\"kind\":\"heavy-bomber\",\"facility\":\"WHIT\"}]}");
    Path moved =
        write(
            "m.json",
            "{\"eventTime\":\"2020-03-01T12:00:00Z\",\"item\":\"B1\",\"facility\":\"MINOT\"}");
    Path other =
        write(
            "o.json",
            "{\"eventTime\":\"2020-03-01T13:00:00Z\",\"item\":\"B1\",\"facility\":\"WHIT\"}");
    Path unknown =
        write(
            "u.json",
            "{\"eventTime\":\"2020-03-01T12:00:00Z\",\"item\":\"B9\",\"facility\":\"MINOT\"}");
    Path colour = write("c.json", "{\"eventTime\":\"2020-03-01T12:00:00Z\",\"colour\":\"red\"}");
    Path notJson = write("n.json", "{eventTime: soon}");
    try (Node node = Node.start(nodeDir)) {
      String url = "http://127.0.0.1:" + node.apiPort() + "/";
      Cli.Result d = submit(url, token, "declaration", declaration);
      assertThat(d.exit()).as(d.err()).isZero();
      assertThat(d.out()).contains("declaration appended as entry US/0");

      Cli.Result ok = submit(url, token, "item-moved", moved, "--client-id", "move-1");
      assertThat(ok.exit()).as(ok.err()).isZero();
      assertThat(ok.out()).isEqualToIgnoringNewLines("item-moved appended as entry US/1");
      Cli.Result again = submit(url, token, "item-moved", moved, "--client-id", "move-1");
      assertThat(again.exit()).isZero();
      assertThat(again.out()).contains("already appended as entry US/1");
      Cli.Result conflict = submit(url, token, "item-moved", other, "--client-id", "move-1");
      assertThat(conflict.exit()).isEqualTo(5);
      assertThat(conflict.err())
          .contains("conflict (HTTP 409)")
          .contains("already names entry US/1");

      Cli.Result refused = submit(url, token, "item-moved", unknown);
      assertThat(refused.exit()).isEqualTo(3);
      assertThat(refused.err())
          .contains("refused by the rules (HTTP 422)")
          .contains("unknown unique identifier 'B9'");
      Cli.Result malformed = submit(url, token, "bomber-exercise", colour);
      assertThat(malformed.exit()).isEqualTo(4);
      assertThat(malformed.err())
          .contains("malformed (HTTP 400): message.colour: not a field of this message");
      Cli.Result file = submit(url, token, "bomber-exercise", notJson);
      assertThat(file.exit()).isEqualTo(4);
      assertThat(file.err())
          .contains("n.json: line 1, column 2: malformed JSON: unexpected character 'e'");
      Cli.Result typeMissing =
          Cli.run(
              "message", "submit", "--node", url, "--token", token, "--message", moved.toString());
      assertThat(typeMissing.exit()).isEqualTo(2);
      Cli.Result noFile = submit(url, token, "item-moved", dir.resolve("nope.json"));
      assertThat(noFile.exit()).isEqualTo(2);
      assertThat(noFile.err()).contains("nope.json: no such file");

      // a correction through the same command, then the list and the entry show it
      Path fix =
          write(
              "f.json",
              "{\"supersedes\":1,\"reason\":\"to Minot a day later\",\"replacement\":"
                  + "{\"eventTime\":\"2020-03-02T00:00:00Z\",\"item\":\"B1\","
                  + "\"facility\":\"MINOT\"}}");
      assertThat(submit(url, token, "correction", fix).exit()).isZero();
      Cli.Result list =
          Cli.run("message", "list", "--node", url, "--token", token, "--direction", "out");
      assertThat(list.exit()).as(list.err()).isZero();
      assertThat(list.out())
          .contains("US/1")
          .contains("item-moved #1")
          .contains("superseded by entry 2")
          .contains("corrects entry 1");
      Cli.Result show = Cli.run("message", "show", "US/1", "--node", url, "--token", token);
      assertThat(show.exit()).as(show.err()).isZero();
      assertThat(show.out())
          .contains("superseded by entry 2")
          .contains("to Minot a day later")
          .contains("B1");
      assertThat(Cli.run("message", "show", "US/x1", "--node", url, "--token", token).exit())
          .isEqualTo(2);
      assertThat(Cli.run("message", "show", "US/99", "--node", url, "--token", token).exit())
          .isEqualTo(1);
      assertThat(Cli.run("message", "list", "--node", url, "--token", token, "--limit", "0").exit())
          .isEqualTo(4);
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String gone = "http://127.0.0.1:" + closed + "/";
    Cli.Result unreachable = submit(gone, token, "item-moved", moved);
    assertThat(unreachable.exit()).isEqualTo(74);
    assertThat(unreachable.err()).contains("cannot reach the node at " + gone);
  }

  @Test
  void theHelpDocumentsTheExitCodes() {
    String help = Cli.run("message", "submit", "--help").out().replaceAll("\\s+", " ");
    assertThat(help)
        .contains("0 accepted")
        .contains("2 bad usage")
        .contains("3 refused by the rules (422)")
        .contains("4 malformed (400")
        .contains("5 conflict (409")
        .contains("74 node unreachable");
  }

  private Cli.Result submit(String url, String token, String type, Path file, String... more) {
    String[] args = {
      "message",
      "submit",
      "--node",
      url,
      "--token",
      token,
      "--type",
      type,
      "--message",
      file.toString()
    };
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return Cli.run(all);
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }
}
