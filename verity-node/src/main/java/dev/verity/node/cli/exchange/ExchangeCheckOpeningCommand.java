package dev.verity.node.cli.exchange;

import dev.verity.core.exchange.ListCommitment;
import dev.verity.core.exchange.Opening;
import dev.verity.node.cli.exchange.ExchangeCommand.Listed;
import dev.verity.node.cli.io.NodeApiOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity exchange check-opening}: the ICRC or the mediator checks an opening it was handed
 * against the list as its own node mirrored it from the Party's log: the commitment recomputed
 * from record and salt, and the inclusion proof to the list's root.
 */
@Command(name = "check-opening", mixinStandardHelpOptions = true,
    description = {"Check an opening (from 'verity exchange open') against the Party's list as"
        + " this node holds it. Exit 0 when it checks, 3 when it does not (and why)."})
final class ExchangeCheckOpeningCommand implements Callable<Integer> {
  static final int EXIT_BAD = 3;

  @Spec CommandSpec spec;
  @Mixin NodeApiOptions node;

  @Option(names = "--opening", required = true, paramLabel = "FILE")
  Path file;

  @Override
  public Integer call() throws Exception {
    ExchangeCommand.requireNode(node);
    Opening o = OpeningFile.read(file);
    Optional<ListCommitment> list = ExchangeCommand.lists(node, o.exchange()).stream()
        .map(Listed::list).filter(l -> l.party().equals(o.party()) && l.kind() == o.kind()
            && l.category().equals(o.category())).findFirst();
    Optional<String> problem = list.isEmpty()
        ? Optional.of("no such list committed in " + o.party() + "'s log")
        : o.problem(list.get());
    PrintWriter out = spec.commandLine().getOut();
    if (problem.isPresent()) {
      out.printf("BAD %s: %s%n", file, problem.get());
    } else {
      out.printf("%s: entry %d of %s's %s %s list of %s (%d entries, root %s) checks%n", file,
          o.index(), o.party(), o.kind().label(), o.category(), o.exchange(), o.size(),
          list.get().root().hex());
    }
    ExchangeCommand.done(out);
    return problem.isPresent() ? EXIT_BAD : 0;
  }
}
