package dev.verity.node.cli.inspection;

import dev.verity.core.selection.Selection;
import dev.verity.core.selection.SelectionException;
import dev.verity.core.selection.SelectionInputs;
import dev.verity.core.selection.SelectionProcedure;
import dev.verity.node.cli.io.CommandFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity inspection}: inspections between the Parties. */
@Command(
    name = "inspection",
    mixinStandardHelpOptions = true,
    description = "Inspections: submit a step to a node; recompute the verifiable random selection of an inspection.",
    subcommands = {InspectionCommand.RecomputeSelection.class, InspectionSubmitCommand.class})
public final class InspectionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code verity inspection recompute-selection}. */
  @Command(
      name = "recompute-selection",
      mixinStandardHelpOptions = true,
      description = {
        "Recompute the site, missile and bombers selected for an inspection from both Parties'"
            + " commitments and revealed secrets, the latest cosigned checkpoints of both logs and the"
            + " candidate lists, by the published procedure (docs/formats/selection.md).",
        "Exit codes: 0 selection printed, 3 a Party's revealed secret does not match its commitment"
            + " (the Party is named), 1 bad input."
      })
  static final class RecomputeSelection implements Callable<Integer> {
    static final int EXIT_BAD_REVEAL = 3;

    @Spec CommandSpec spec;

    @Option(names = "--inputs", required = true, paramLabel = "FILE",
        description = "JSON: inspection, inspecting and inspected {party, commitment, secret}, checkpoints,"
            + " sites, missiles, bombers, bomberCount.")
    Path inputs;

    @Option(names = "--json", description = "Print the selection as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      SelectionInputs in = CommandFiles.read(inputs, SelectionInputs.class);
      Selection s;
      try {
        s = SelectionProcedure.derive(in);
      } catch (SelectionException e) {
        if (e.party() != null) {
          spec.commandLine().getErr().println("verity: " + inputs + ": reveal by " + e.party() + " rejected: " + e.getMessage());
          return EXIT_BAD_REVEAL;
        }
        throw new IllegalArgumentException(inputs + ": " + e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(CommandFiles.strictJson(s));
      } else {
        out.printf("inspection %s%nseed       %s%nsite       %s%nmissile    %s%nbombers    %s%n", s.inspection(), s.seed(),
            s.site(), s.missile() == null ? "(none at the site)" : s.missile(),
            s.bombers().isEmpty() ? "(none)" : String.join(", ", s.bombers()));
      }
      out.flush();
      return 0;
    }
  }

}
