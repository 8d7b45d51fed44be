package dev.verity.node.cli.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.exchange.Blinded;
import dev.verity.core.exchange.BlindingKey;
import dev.verity.core.exchange.ExchangeJson;
import dev.verity.core.exchange.ExchangeMessage.Reblind;
import dev.verity.core.exchange.ListCommitment;
import dev.verity.core.exchange.ListEntry;
import dev.verity.core.exchange.ListParts;
import dev.verity.node.cli.exchange.ExchangeCommand.Listed;
import dev.verity.node.cli.exchange.ExchangeCommand.VaultOptions;
import dev.verity.node.cli.io.NodeApiOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity exchange match}: blinds every list of the other Party that this Party has not
 * blinded yet with its own key (docs/formats/exchange.md, "Matching without names") and appends
 * the values, then prints the match per category as every node computes it: counts, and how many
 * are on one side only (as commitments, never names).
 */
@Command(name = "match", mixinStandardHelpOptions = true,
    description = {"Blind the other Party's committed lists on top with this Party's key (from"
        + " the vault) and print, per category, how many of each requested list are on the"
        + " other's held list and how many are on one side only."})
final class ExchangeMatchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin NodeApiOptions node;
  @Mixin VaultOptions vault;

  @Option(names = "--exchange", required = true, paramLabel = "ID",
      description = "The arranged exchange.")
  String exchange;

  @Override
  public Integer call() throws Exception {
    String party = ExchangeCommand.party(node);
    BlindingKey key = vault.open().blindingKey(exchange);
    PrintWriter out = spec.commandLine().getOut();
    for (Listed l : ExchangeCommand.lists(node, exchange)) {
      ListCommitment c = l.list();
      if (c.party().equals(party) || l.blindedByOther()) {
        continue;
      }
      List<Blinded> values =
          key.reblindAll(c.entries().stream().map(ListEntry::blinded).toList());
      String id = "reblind-" + exchange + "-" + c.party() + "-" + c.kind().label() + "-"
          + c.category() + "-" + c.root().hex().substring(0, 16);
      JsonNode receipt = null;
      int parts = c.count() <= ListParts.PART_SIZE ? 0 : ListParts.partsFor(c.count());
      for (int p = parts == 0 ? 0 : 1; p <= parts; p++) {
        Reblind r = new Reblind(exchange, c.id(), c.root(), p,
            p == 0 ? values : ListParts.slice(values, c.count(), p));
        receipt = ExchangeCommand.submit(node, p == 0 ? id : id + "-p" + p, "exchange-reblind",
            ExchangeJson.fields(r));
      }
      out.printf("blinded %s's %s %s list (%d entries%s) on top: entry %s/%d%n", c.party(),
          c.kind().label(), c.category(), c.count(), parts == 0 ? "" : ", " + parts + " parts",
          receipt.path("party").asText(), receipt.path("index").asLong());
    }
    printMatches(out, node, exchange);
    ExchangeCommand.done(out);
    return 0;
  }

  static void printMatches(PrintWriter out, NodeApiOptions node, String exchange)
      throws Exception {
    for (JsonNode x : node.get("/api/v1/exchanges").path("exchanges")) {
      if (!x.path("exchange").asText().equals(exchange)) {
        continue;
      }
      for (JsonNode m : x.path("matches")) {
        out.printf("%s: %d of %d requested are on %s (%d), %d requested only, %d held only%n",
            list(m.path("requested")), m.path("matchedRequested").asInt(),
            m.path("requestedCount").asInt(), list(m.path("held")),
            m.path("heldCount").asInt(), m.path("onlyRequested").size(),
            m.path("onlyHeld").size());
      }
      for (JsonNode p : x.path("pending")) {
        out.printf("pending: %s owes %s for %s (%d)%n", p.path("participant").asText(),
            p.path("what").asText().toLowerCase(Locale.ROOT).replace('_', ' '),
            list(p.path("list")), p.path("count").asInt());
      }
    }
  }

  private static String list(JsonNode id) {
    return id.path("party").asText() + " " + id.path("kind").asText() + " "
        + id.path("category").asText();
  }
}
