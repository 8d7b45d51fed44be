package dev.verity.node.cli.exchange;

import dev.verity.core.exchange.ListCommitment;
import dev.verity.core.exchange.Opening;
import dev.verity.node.cli.exchange.ExchangeCommand.Listed;
import dev.verity.node.cli.io.NodeApiOptions;
import dev.verity.node.vault.Purpose;
import dev.verity.tlog.merkle.Hash;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity exchange open}: one person of this Party's committed list, for the ICRC or the
 * mediator only (docs/formats/exchange.md, "Opening one person"): written to a file of mode 0600
 * to hand over, never sent to the node or logged.
 */
@Command(name = "open", mixinStandardHelpOptions = true,
    description = {"Open one entry of this Party's committed list (record, salt and inclusion"
        + " proof) into a file (mode 0600) for the ICRC or the mediator: it proves the person was"
        + " on that list when the list's entry was logged. Nothing is sent to the node."})
final class ExchangeOpenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin NodeApiOptions node;
  @Mixin ExchangeCommand.VaultOptions vault;

  @Option(names = "--exchange", required = true, paramLabel = "ID")
  String exchange;

  @Option(names = "--commitment", required = true, paramLabel = "HEX",
      description = "The entry's commitment, as the node shows it.")
  String commitment;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write.")
  Path file;

  @Override
  public Integer call() throws Exception {
    String party = ExchangeCommand.party(node);
    Hash h = OpeningFile.hash("--commitment", commitment);
    ListCommitment list = ExchangeCommand.lists(node, exchange).stream().map(Listed::list)
        .filter(l -> l.party().equals(party))
        .filter(l -> l.entries().stream().anyMatch(e -> e.commitment().equals(h)))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("--commitment: on none of "
            + party + "'s committed lists of " + exchange));
    Opening o = vault.open().open(list, h, Purpose.EXCHANGE, LocalDate.now(ZoneOffset.UTC));
    OpeningFile.write(file, o);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("opened entry %d of %s's %s %s list of %s into %s (hand it to the ICRC or the"
        + " mediator only)%n", o.index(), party, o.kind().label(), o.category(), exchange, file);
    ExchangeCommand.done(out);
    return 0;
  }
}
