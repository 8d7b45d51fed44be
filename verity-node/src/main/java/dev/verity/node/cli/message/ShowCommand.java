package dev.verity.node.cli.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.cli.io.NodeApiOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code verity message show PARTY/INDEX}: one entry, its receipt, corrections and proof. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show one entry (GET /api/v1/messages/{party}/{index}): what it says, its receipt, the"
          + " correction that superseded it or the entry it corrects, and its inclusion proof.",
      "Exit codes: 0 shown; 2 bad usage; 74 node unreachable; 1 anything else (no such entry, ...)."
    })
final class ShowCommand implements Callable<Integer> {
  private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9_-]{1,32})/(\\d{1,18})");

  @Spec CommandSpec spec;

  @Mixin NodeApiOptions api;

  @Option(names = "--agreement", paramLabel = "ID",
      description = "Which of the node's agreements (default: its home agreement).")
  String agreement;

  @Parameters(paramLabel = "PARTY/INDEX", description = "e.g. US/12")
  String entry;

  @Option(names = "--json", description = "Print the node's answer as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Matcher m = ENTRY.matcher(entry);
    if (!m.matches()) {
      throw new ParameterException(
          spec.commandLine(), "PARTY/INDEX: expected e.g. US/12, not '" + entry + "'");
    }
    Usage.requireNode(spec, api);
    NodeApiOptions.Answer a =
        api.send("GET", NodeApiOptions.in("/api/v1/messages/" + m.group(1) + "/" + m.group(2),
            agreement), null);
    if (!a.ok()) {
      return Usage.notAnswered(spec, api, a);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? a.body().toPrettyString() : summary(a.body()));
    out.flush();
    return 0;
  }

  private static String summary(JsonNode m) {
    StringBuilder b = new StringBuilder();
    b.append(ListCommand.line(m)).append('\n');
    if (m.has("supersededBy")) {
      JsonNode s = m.path("supersededBy");
      b.append("superseded by entry ")
          .append(s.path("index").asLong())
          .append(", received ")
          .append(s.path("receivedAt").asText("(not yet)"))
          .append(": ")
          .append(s.path("reason").asText())
          .append('\n');
    }
    if (m.has("supersedes")) {
      b.append("corrects entry ").append(m.path("supersedes").path("index").asLong()).append('\n');
    }
    b.append(m.path("entry").toPrettyString()).append('\n');
    b.append("included in the checkpoint of size ")
        .append(m.path("proof").path("treeSize").asLong());
    return b.toString();
  }
}
