package dev.verity.node.cli.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.cli.io.NodeApiOptions;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity message list}: the node's inbox and outbox, one line per entry. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List messages (GET /api/v1/messages), newest first: entry, direction, type, receipt status,"
          + " time of receipt, deadline status, and whether it was corrected.",
      "Exit codes: 0 listed; 2 bad usage; 4 refused as malformed (400); 74 node unreachable; 1"
          + " anything else."
    })
final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NodeApiOptions api;

  @Option(names = "--agreement", paramLabel = "ID",
      description = "Which of the node's agreements (default: its home agreement; all: every one).")
  String agreement;

  @Option(
      names = "--direction",
      paramLabel = "in|out",
      description = "in: the peers' entries; out: own.")
  String direction;

  @Option(names = "--type", paramLabel = "TYPE", description = "Only this message type.")
  String type;

  @Option(
      names = "--limit",
      defaultValue = "100",
      paramLabel = "N",
      description = "At most N entries, 1 to 10000 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print the node's answer as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Usage.requireNode(spec, api);
    StringBuilder q = new StringBuilder("/api/v1/messages?limit=" + limit);
    if (direction != null) {
      q.append("&direction=").append(URLEncoder.encode(direction, StandardCharsets.UTF_8));
    }
    if (type != null) {
      q.append("&type=").append(URLEncoder.encode(type, StandardCharsets.UTF_8));
    }
    NodeApiOptions.Answer a = api.send("GET", NodeApiOptions.in(q.toString(), agreement), null);
    PrintWriter out = spec.commandLine().getOut();
    if (!a.ok()) {
      return Usage.notAnswered(spec, api, a);
    }
    if (json) {
      out.println(a.body().toPrettyString());
    } else {
      a.body().path("messages").forEach(m -> out.println(line(m)));
    }
    out.flush();
    return 0;
  }

  static String line(JsonNode m) {
    JsonNode body = m.path("entry").path("body");
    String number = body.path("number").isNumber() ? " #" + body.path("number").asLong() : "";
    String note =
        m.has("supersededBy")
            ? "  superseded by entry " + m.path("supersededBy").path("index").asLong()
            : m.has("supersedes")
                ? "  corrects entry " + m.path("supersedes").path("index").asLong()
                : "";
    return String.format(
        "%s/%-6d %-3s %-28s %-9s %-20s %-8s%s",
        m.path("party").asText(),
        m.path("index").asLong(),
        m.path("direction").asText(),
        m.path("type").asText() + number,
        m.path("status").asText(),
        m.path("receivedAt").asText("-"),
        m.path("deadlineStatus").asText("-"),
        note);
  }
}
