package dev.verity.node.cli.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.cli.io.NodeApiOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity exchange stage}: each stage of an exchange as every node folds it: who signed
 * (counts or attestation) and each discrepancy by category and direction, in the words of
 * docs/formats/exchange.md ("Stages and discrepancies"). Counts and attestations themselves are
 * messages ({@code verity message submit --type exchange-counts}).
 */
@Command(name = "stage", mixinStandardHelpOptions = true,
    description = {"Print each stage of an exchange: who signed it and the discrepancies named"
        + " per category; then the consent findings per list. Exit 0, or 3 when a stage has a"
        + " discrepancy."})
final class ExchangeStageCommand implements Callable<Integer> {
  static final int EXIT_DISCREPANCY = 3;

  @Spec CommandSpec spec;
  @Mixin NodeApiOptions node;

  @Option(names = "--exchange", required = true, paramLabel = "ID")
  String exchange;

  @Override
  public Integer call() throws Exception {
    ExchangeCommand.requireNode(node);
    PrintWriter out = spec.commandLine().getOut();
    boolean found = false;
    boolean discrepancy = false;
    for (JsonNode x : node.get("/api/v1/exchanges").path("exchanges")) {
      if (x.path("exchange").asText().equals(exchange)) {
        found = true;
        discrepancy = print(out, x);
      }
    }
    if (!found) {
      throw new IllegalArgumentException("--exchange: no exchange " + exchange
          + " is arranged on " + node.node());
    }
    ExchangeCommand.done(out);
    return discrepancy ? EXIT_DISCREPANCY : 0;
  }

  private static boolean print(PrintWriter out, JsonNode x) {
    boolean any = false;
    for (JsonNode s : x.path("stages")) {
      out.printf("stage %d signed by %s%n", s.path("stage").asInt(),
          String.join(", ", texts(s.path("signedBy"))));
      for (JsonNode d : s.path("discrepancies")) {
        any = true;
        out.printf("  discrepancy %s%n", d.path("words").asText());
      }
    }
    for (JsonNode c : x.path("consent")) {
      JsonNode l = c.path("list");
      out.printf("consent on %s %s %s: %d consent, %d refuse, %d open%n",
          l.path("party").asText(), l.path("kind").asText(), l.path("category").asText(),
          c.path("consents").asInt(), c.path("refusals").asInt(), c.path("open").asInt());
    }
    return any;
  }

  private static List<String> texts(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(n -> out.add(n.asText()));
    return out;
  }
}
