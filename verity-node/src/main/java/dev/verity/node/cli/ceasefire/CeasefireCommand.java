package dev.verity.node.cli.ceasefire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.cli.io.NodeApiOptions;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity ceasefire}: the joint ceasefire register of a running node
 * (docs/formats/ceasefire.md). {@code report --date D} prints the daily report every node
 * computes alike, as JSON or as text, with the previous-period rule checked;
 * {@code import --csv FILE} files claims or observations in bulk.
 */
@Command(
    name = "ceasefire",
    mixinStandardHelpOptions = true,
    description = "The joint ceasefire register of a node serving ceasefire-monitoring.",
    subcommands = {CeasefireCommand.Report.class, CeasefireImport.class})
public final class CeasefireCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Exit status when the report breaks the previous-period rule. */
  static final int EXIT_RULE_BROKEN = 3;

  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = {
        "The daily report of a date (a Saturday gives Sunday's), computed from the register as"
            + " every node computes it, with the previous-period rule checked against the report"
            + " before it (exit 3 when broken).",
        "Needs --node URL and a token (--token or VERITY_TOKEN)."
      })
  static final class Report implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin NodeApiOptions node;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD",
        description = "The report date.")
    LocalDate date;

    @Option(names = "--commitment", paramLabel = "ID",
        description = "The commitment (default: the latest).")
    String commitment;

    @Option(names = "--format", paramLabel = "json|text", defaultValue = "text",
        description = "json: the node's answer as is; text: a table per participant.")
    String format;

    @Override
    public Integer call() throws Exception {
      if (!node.present()) {
        throw new IllegalArgumentException("--node URL is required: the register is a node's");
      }
      if (!format.equals("json") && !format.equals("text")) {
        throw new IllegalArgumentException("--format: json or text, not " + format);
      }
      String c = commitment != null ? commitment
          : node.get("/api/v1/ceasefire/side-by-side").path("commitment").asText();
      JsonNode r = node.get("/api/v1/ceasefire/reports/"
          + URLEncoder.encode(c, StandardCharsets.UTF_8) + "/" + date);
      PrintWriter out = spec.commandLine().getOut();
      if (format.equals("json")) {
        out.println(r.toPrettyString());
      } else {
        text(r, out);
      }
      out.flush();
      return r.path("previousPeriodRule").isEmpty() ? 0 : EXIT_RULE_BROKEN;
    }

    static void text(JsonNode r, PrintWriter out) {
      JsonNode rep = r.path("report");
      out.printf("Daily report %d of %s (%s), %s to %s%n", rep.path("number").asLong(),
          rep.path("date").asText(), rep.path("commitment").asText(), rep.path("from").asText(),
          rep.path("to").asText());
      out.printf("%-12s %10s %10s %10s %12s%n", "participant", "period", "previous", "late",
          "cumulative");
      for (JsonNode s : rep.path("sources")) {
        out.printf("%-12s %10d %10d %10d %12d%n", s.path("participant").asText(),
            s.path("period").path("total").asLong(), s.path("previous").path("total").asLong(),
            s.path("late").path("total").asLong(), s.path("cumulative").path("total").asLong());
      }
      JsonNode breaks = r.path("previousPeriodRule");
      out.println(breaks.isEmpty() ? "Previous period: equals the prior report's figures."
          : "Previous period: " + breaks.size() + " break(s) of the rule: " + breaks);
    }
  }
}
