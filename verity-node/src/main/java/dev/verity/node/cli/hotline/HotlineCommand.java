package dev.verity.node.cli.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.node.bundle.Bundle;
import dev.verity.node.bundle.Bundles;
import dev.verity.node.cli.io.CommandFiles;
import dev.verity.node.cli.io.NodeApiOptions;
import dev.verity.node.cli.io.NodeApiOptions.Answer;
import dev.verity.node.json.CanonicalJson;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verity hotline send|ack|reply|status|bundle}: the military line from a terminal or a
 * script, through a running node's API (docs/user/hotline.md). The officer named in each signed
 * entry is the token's name, as the node authenticated it.
 */
@Command(
    name = "hotline",
    mixinStandardHelpOptions = true,
    description = "The military line: send a message, acknowledge or answer one, show the line.",
    subcommands = {HotlineCommand.Send.class, HotlineCommand.Ack.class,
        HotlineCommand.Reply.class, HotlineCommand.Status.class, HotlineCommand.Backup.class})
public final class HotlineCommand implements Runnable {
  /** Exit code when the node refused the step (the agreement's rules, a wrong field). */
  static final int EXIT_REFUSED = 4;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every subcommand shares: the node's API, and how an answer is reported. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin NodeApiOptions api;

    void requireNode() {
      if (!api.present()) {
        throw new ParameterException(spec.commandLine(), "Missing required option: '--node=URL'");
      }
    }

    int post(String path, ObjectNode body, String what) throws Exception {
      requireNode();
      Answer a = api.send("POST", path, body);
      PrintWriter out = spec.commandLine().getOut();
      if (a.ok()) {
        out.printf("%s: entry %s/%d%s%n", what, a.body().path("party").asText(),
            a.body().path("index").asLong(), a.status() == 200 ? " (already sent)" : "");
        out.flush();
        return 0;
      }
      PrintWriter err = spec.commandLine().getErr();
      err.printf("verity: %s refused (HTTP %d): %s%s%n", what, a.status(), a.error(),
          a.body().hasNonNull("reason") ? " (" + a.body().path("reason").asText() + ")" : "");
      err.flush();
      return a.status() == 422 || a.status() == 400 ? EXIT_REFUSED : 1;
    }

    static String path(String message, String action) {
      return "/api/v1/hotline/messages/" + URLEncoder.encode(message, StandardCharsets.UTF_8)
          + "/" + action;
    }
  }

  /** {@code verity hotline send}. */
  @Command(name = "send", mixinStandardHelpOptions = true,
      description = "Send a message on the line; prints its id (the acknowledgement needs it).")
  static final class Send extends Base {
    @Option(names = "--to", required = true, paramLabel = "PARTY") String to;
    @Option(names = "--priority", required = true, paramLabel = "flash|immediate|routine")
    String priority;
    @Option(names = "--text", required = true, paramLabel = "TEXT") String text;
    @Option(names = "--language", required = true, paramLabel = "LANG",
        description = "The language it is written in (BCP 47: en, ru); the original is"
            + " authoritative.") String language;
    @Option(names = "--subject", paramLabel = "TEXT") String subject;
    @Option(names = "--id", paramLabel = "ID", description = "The message's id (default: made"
        + " by the node).") String id;

    @Override
    public Integer call() throws Exception {
      ObjectNode b = CommandFiles.STRICT_JSON.createObjectNode();
      if (id != null) {
        b.put("message", id);
      }
      b.put("to", to).put("priority", priority).put("text", text).put("language", language);
      if (subject != null) {
        b.put("subject", subject);
      }
      return post("/api/v1/hotline/messages", b, priority + " message to " + to);
    }
  }

  /** {@code verity hotline ack}. */
  @Command(name = "ack", mixinStandardHelpOptions = true,
      description = "Acknowledge a message as the officer the token names; stops its escalation.")
  static final class Ack extends Base {
    @Parameters(paramLabel = "MESSAGE", description = "The message's id.") String message;

    @Override
    public Integer call() throws Exception {
      return post(path(message, "ack"), CommandFiles.STRICT_JSON.createObjectNode(),
          "acknowledgement of " + message);
    }
  }

  /** {@code verity hotline reply}. */
  @Command(name = "reply", mixinStandardHelpOptions = true,
      description = "Reply to a message (the reply is linked to it and acknowledges it).")
  static final class Reply extends Base {
    @Parameters(paramLabel = "MESSAGE") String message;
    @Option(names = "--text", required = true, paramLabel = "TEXT") String text;
    @Option(names = "--language", required = true, paramLabel = "LANG") String language;

    @Override
    public Integer call() throws Exception {
      ObjectNode b = CommandFiles.STRICT_JSON.createObjectNode();
      b.put("reply", text).put("language", language);
      return post(path(message, "reply"), b, "reply to " + message);
    }
  }

  /**
   * {@code verity hotline bundle}: the backup path while the peer port is down. The node writes
   * its signed bundle (the air-gap format) from what every peer has receipted; the officer
   * carries it to the other node, whose operator imports it with {@code verity bundle import}.
   * The receipt comes back as the ordinary cosignature when the line returns.
   */
  @Command(name = "bundle", mixinStandardHelpOptions = true,
      description = "Write the backup bundle: the line's entries the peer has not receipted,"
          + " signed, for 'verity bundle import' on the other node.")
  static final class Backup extends Base {
    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

    @Override
    public Integer call() throws Exception {
      requireNode();
      Answer a = api.send("POST", "/api/v1/hotline/bundle",
          CommandFiles.STRICT_JSON.createObjectNode());
      if (!a.ok()) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf("verity: no bundle (HTTP %d): %s%n", a.status(), a.error());
        err.flush();
        return 1;
      }
      Bundle b = CanonicalJson.mapper().treeToValue(a.body(), Bundle.class);
      Bundles.write(b, out);
      JsonNode line = api.get("/api/v1/hotline").path("line");
      PrintWriter o = spec.commandLine().getOut();
      o.printf("%s: %d entries of %s from %d%n", out, b.entries().size(), b.origin(), b.from());
      List<String> ids = new ArrayList<>();
      line.path("unreceipted").forEach(m -> ids.add(m.asText()));
      o.printf("carries the messages not yet receipted: %s%n", ids.isEmpty() ? "none"
          : String.join(", ", ids));
      o.printf("on the peer's node: stop it, run 'verity bundle import --dir DIR --in %s',"
          + " start it%n", out.getFileName());
      o.flush();
      return 0;
    }
  }

  /** {@code verity hotline status}. */
  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "The line's messages: receipt, acknowledgement and reply apart, escalation.")
  static final class Status extends Base {
    @Option(names = "--json", description = "Print the node's answer as JSON.") boolean json;

    @Override
    public Integer call() throws Exception {
      requireNode();
      JsonNode b = api.get("/api/v1/hotline");
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(b.toPrettyString());
      } else {
        out.printf("%-28s %-4s %-4s %-9s %-12s %-20s %-20s %-20s %s%n", "MESSAGE", "FROM", "TO",
            "PRIORITY", "STATE", "RECEIPT", "ACKNOWLEDGED", "REPLIED", "ESCALATION");
        for (JsonNode m : b.path("messages")) {
          out.printf("%-28s %-4s %-4s %-9s %-12s %-20s %-20s %-20s %s%n", m.path("id").asText(),
              m.path("from").asText(), m.path("to").asText(), m.path("priority").asText(),
              m.path("state").asText(), m.path("receiptedAt").asText("-"),
              answered(m.path("acknowledgement")), answered(m.path("reply")), escalation(m));
        }
        if (b.path("alarm").asBoolean()) {
          out.println("ALARM: a message went unanswered through every step of its escalation");
        }
      }
      out.flush();
      return 0;
    }

    private static String answered(JsonNode a) {
      return a.isMissingNode() || a.isNull() ? "-"
          : a.path("at").asText() + " " + a.path("officer").asText();
    }

    private static String escalation(JsonNode m) {
      long set = 0;
      for (JsonNode p : m.path("timeline")) {
        if (p.path("kind").asText().equals("escalation") && p.path("status").asText()
            .equals("due")) {
          set++;
        }
      }
      return m.path("alarm").asBoolean() ? set + " steps, ALARM" : set + " steps";
    }
  }
}
