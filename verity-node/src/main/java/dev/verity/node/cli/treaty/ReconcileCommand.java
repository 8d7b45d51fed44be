package dev.verity.node.cli.treaty;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.inventory.InventoryException;
import dev.verity.core.message.Declaration;
import dev.verity.core.reconcile.Discrepancy;
import dev.verity.core.reconcile.Reconciler;
import dev.verity.core.reconcile.Reconciliation;
import dev.verity.node.cli.io.CommandFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity reconcile}: a new data exchange against the previous one plus notifications. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Compare a Party's new data exchange (--to) with the previous one (--from) plus the"
          + " notifications between them, and report each discrepancy by unique identifier and kind:"
          + " missing-item, unexplained-item, status-mismatch, location-mismatch, warhead-mismatch,"
          + " late-notification, missing-notification (a gap in the sender's numbers).",
      "Exit codes: 0 clean, 3 discrepancies found, 1 bad input."
    })
public final class ReconcileCommand implements Callable<Integer> {
  static final int EXIT_DISCREPANCIES = 3;

  @Spec CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "DECLARATION") Path from;

  @Option(names = "--to", required = true, paramLabel = "DECLARATION") Path to;

  @Option(names = "--notifications", paramLabel = "DIR", description = "Directory of notification files (*.json).")
  Path notifications;

  @Option(names = "--agreement", paramLabel = "NAME", description = "Override the declarations' agreement.")
  String agreement;

  @Option(names = "--format", defaultValue = "table", description = "json or table (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws Exception {
    Declaration a = CommandFiles.declaration(from);
    Declaration b = CommandFiles.declaration(to);
    Agreement ag = CommandFiles.agreement(agreement != null ? agreement
        : a.agreement() != null ? a.agreement() : "new-start");
    Reconciliation r;
    try {
      r = new Reconciler(ag).reconcile(from.toString(), a,
          CommandFiles.notifications(notifications),
          to.toString(), b);
    } catch (InventoryException e) {
      throw CommandFiles.located(notifications, e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(CommandFiles.json(r));
    } else {
      out.printf("%s %s: %s -> %s, %d notifications applied: %s%n", ag.id(), r.party(), r.from(), r.to(),
          r.notificationsApplied(), r.clean() ? "clean" : r.discrepancies().size() + " discrepancies");
      out.printf("  expected %s%n  declared %s%n", r.expectedAggregates(), r.declaredAggregates());
      for (Discrepancy d : r.discrepancies()) {
        out.printf("%-20s %-24s %s%s%n", d.kind().label(), d.item() != null ? d.item() : "#" + d.notification(),
            d.expected() == null ? "" : "expected " + d.expected(), d.declared() == null ? "" : "; declared " + d.declared());
      }
    }
    out.flush();
    return r.clean() ? 0 : EXIT_DISCREPANCIES;
  }
}
