package dev.verity.node.cli.talks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.node.cli.io.NodeApiOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity talks}: a delegation's reports to its capital (docs/formats/talks.md, "Reports
 * to capitals"). {@code capital-report} hands the content to the delegation's own node, which
 * keeps it and logs only its anchor; {@code open-report} shows a kept report with its salt, to
 * prove later that it is the one anchored.
 */
@Command(
    name = "talks",
    mixinStandardHelpOptions = true,
    description = "Talks: a delegation's reports to its capital (only their hash goes on the log).",
    subcommands = {TalksCommand.CapitalReport.class, TalksCommand.OpenReport.class})
public final class TalksCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static void requireNode(NodeApiOptions node) {
    if (!node.present()) {
      throw new IllegalArgumentException("--node URL is required: the report stays on your node");
    }
  }

  @Command(
      name = "capital-report",
      mixinStandardHelpOptions = true,
      description = {
        "Write a report to your capital: your node keeps the content (never sent to a peer) and"
            + " logs talks-capital-report{round, hash}; prints the anchor and the entry.",
        "Needs --node URL and an operator token (--token or VERITY_TOKEN)."
      })
  static final class CapitalReport implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin NodeApiOptions node;

    @Option(names = "--round", required = true, paramLabel = "N", description = "The round.")
    int round;

    @Option(names = "--file", required = true, paramLabel = "FILE",
        description = "The report's text (UTF-8).")
    Path file;

    @Override
    public Integer call() throws Exception {
      requireNode(node);
      ObjectNode body = JSON.createObjectNode();
      body.put("round", round);
      body.put("content", Files.readString(file, StandardCharsets.UTF_8));
      JsonNode r = node.post("/api/v1/talks/capital-reports", body);
      JsonNode mine = node.get("/api/v1/talks/capital-reports").path("reports");
      PrintWriter out = spec.commandLine().getOut();
      JsonNode last = mine.get(mine.size() - 1);
      out.printf("anchor: %s%nentry: %s #%s%n", last.path("anchor").asText(),
          r.path("party").asText(), r.path("index").asText());
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "open-report",
      mixinStandardHelpOptions = true,
      description = "Print a report your node keeps, with its salt, as JSON: what anyone can check"
          + " against its anchor (POST /api/v1/talks/capital-reports/check). Operator token.")
  static final class OpenReport implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin NodeApiOptions node;

    @Option(names = "--anchor", required = true, paramLabel = "HASH",
        description = "The report's anchor (hex).")
    String anchor;

    @Override
    public Integer call() throws Exception {
      requireNode(node);
      ObjectNode body = JSON.createObjectNode();
      body.put("anchor", anchor);
      JsonNode r = node.post("/api/v1/talks/capital-reports/open", body);
      spec.commandLine().getOut().println(r.toPrettyString());
      spec.commandLine().getOut().flush();
      return r.path("opens").asBoolean() ? 0 : 1;
    }
  }
}
