package dev.verity.node.cli.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.exchange.Mediation;
import dev.verity.core.exchange.MediatorTally;
import dev.verity.core.exchange.PublishedTallies;
import dev.verity.core.exchange.TallyFinding;
import dev.verity.node.cli.io.NodeApiOptions;
import java.io.BufferedReader;
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
 * {@code verity exchange tally}: a mediator's numbered mediations checked by
 * total(n) = total(n−1) + count(n) (docs/formats/exchange.md, "The mediator's tally"): from the
 * node (every mediator's {@code exchange-mediation} entries), from a CSV of announced figures, or
 * the UAE's published figures bundled with Verity. A break or a gap is named.
 */
@Command(name = "tally", mixinStandardHelpOptions = true,
    description = {"Check a mediator's cumulative total, total(n) = total(n-1) + count(n): from"
        + " the node (--node), a CSV of announced mediations (--csv FILE --mediator M), or the"
        + " UAE's published figures (--published). Exit 0 when every step adds up, 3 on a break."})
final class ExchangeTallyCommand implements Callable<Integer> {
  static final int EXIT_BREAK = 3;

  @Spec CommandSpec spec;
  @Mixin NodeApiOptions node;

  @Option(names = "--csv", paramLabel = "FILE",
      description = "mediation, when, exchanged, cumulative, status, source[, each_side, note]")
  Path csv;

  @Option(names = "--mediator", defaultValue = "UAE", paramLabel = "ID")
  String mediator;

  @Option(names = "--published", description = "The UAE's announced mediations, 9th to 18th.")
  boolean published;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean broken;
    if (node.present()) {
      broken = fromNode(out);
    } else if (csv != null || published) {
      broken = print(out, csv != null ? read() : PublishedTallies.uae());
    } else {
      throw new IllegalArgumentException("give --node URL, --csv FILE or --published");
    }
    ExchangeCommand.done(out);
    return broken ? EXIT_BREAK : 0;
  }

  private MediatorTally read() throws Exception {
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return PublishedTallies.read(csv.toString(), mediator, in);
    }
  }

  private static boolean print(PrintWriter out, MediatorTally t) {
    for (Mediation m : t.mediations()) {
      out.printf("%s mediation %d (%s): %d exchanged, %d in all%n", t.mediator(), m.number(),
          m.when(), m.exchanged(), m.cumulative());
    }
    boolean broken = false;
    for (TallyFinding f : t.findings()) {
      broken |= f instanceof TallyFinding.Break;
      out.printf("%s: %s%n", f instanceof TallyFinding.Break ? "BREAK" : "gap", f.words());
    }
    return broken;
  }

  private boolean fromNode(PrintWriter out) throws Exception {
    boolean broken = false;
    for (JsonNode t : node.get("/api/v1/exchanges").path("tallies")) {
      for (JsonNode m : t.path("mediations")) {
        out.printf("%s mediation %d (%s): %d exchanged, %d in all%n",
            t.path("mediator").asText(), m.path("number").asInt(), m.path("when").asText(),
            m.path("exchanged").asInt(), m.path("cumulative").asLong());
      }
      for (JsonNode f : t.path("findings")) {
        boolean isBreak = f.has("expected");
        broken |= isBreak;
        out.printf("%s: %s%n", isBreak ? "BREAK" : "gap", f.path("words").asText());
      }
    }
    return broken;
  }
}
