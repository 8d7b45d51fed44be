package dev.verity.node.cli.treaty;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.compliance.AggregatesTable;
import dev.verity.core.compliance.ComplianceEvaluator;
import dev.verity.core.compliance.LimitResult;
import dev.verity.core.compliance.PartyCompliance;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.inventory.InventoryException;
import dev.verity.core.inventory.InventoryTimeline;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Notification;
import dev.verity.core.scenario.PublishedData;
import dev.verity.core.obligation.Obligation;
import dev.verity.core.obligation.ObligationStatus;
import dev.verity.core.obligation.ObligationTracker;
import dev.verity.node.cli.io.CommandFiles;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verity compliance aggregates|check}: limits, margins and deadlines. */
@Command(
    name = "compliance",
    description = "Evaluate aggregates against an agreement's limits.",
    mixinStandardHelpOptions = true,
    subcommands = {ComplianceCommand.Aggregates.class, ComplianceCommand.Check.class})
public final class ComplianceCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static void table(PrintWriter out, List<PartyCompliance> rows) {
    out.printf("%-10s %-5s %-36s %8s %6s %7s  %s%n", "as of", "party", "limit", "value", "max", "margin", "status");
    for (PartyCompliance pc : rows) {
      for (LimitResult l : pc.limits()) {
        out.printf("%-10s %-5s %-36s %8s %6d %7s  %s%n", pc.asOf(), pc.party(), l.name(),
            CommandFiles.value(l.value()),
            l.max(), CommandFiles.value(l.margin()), l.status().label());
      }
    }
  }

  @Command(
      name = "aggregates",
      mixinStandardHelpOptions = true,
      description = {
        "Evaluate a table of published aggregates (default: the agreement's own table shipped with"
            + " Verity, e.g. new-start-aggregates.csv):"
            + " for each row and Party, each limit with value, max, margin and status"
            + " (within, exceeds, not-in-force before the limits apply, expired after the agreement ended,"
            + " unknown for a blank cell).",
        "Columns are <csvPrefix>_<aggregate>, the prefix of each Party coming from the agreement file."
      })
  static final class Aggregates implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE.csv", arity = "0..1",
        description = "A CSV table (default: the one shipped for the agreement).")
    Path file;

    @Option(names = "--agreement", defaultValue = "new-start", paramLabel = "NAME",
        description = "Bundled agreement or YAML file (default: ${DEFAULT-VALUE}).")
    String agreement;

    @Option(names = "--format", defaultValue = "table", description = "json or table (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
      Agreement a = CommandFiles.agreement(agreement);
      List<AggregatesTable.Row> rows;
      if (file == null && a.publishedFigures() == null) {
        throw new IllegalArgumentException(
            a.id() + " ships no table of published aggregates: give FILE.csv");
      }
      try (Reader r = file == null ? PublishedData.table(a.publishedFigures())
          : Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        rows = AggregatesTable.read(file == null ? a.publishedFigures() : file.toString(), r, a);
      }
      List<PartyCompliance> results = AggregatesTable.evaluate(rows, a);
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.json) {
        out.println(CommandFiles.json(results));
      } else {
        table(out, results);
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Fold a declaration (JSON, docs/formats/data-exchange.md) with the notifications after it,"
            + " as of a date, and report the inventory's aggregates, every limit with its margin,"
            + " and what came late or is missing (the notifications, and the declaration itself"
            + " against its data-exchange deadline).",
        "Exit code 0; 2 when a limit in force is exceeded."
      })
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DECLARATION") Path declaration;

    @Option(names = "--notifications", paramLabel = "DIR", description = "Directory of notification files (*.json).")
    Path notifications;

    @Option(names = "--as-of", paramLabel = "DATE",
        description = "Evaluate at 00:00 UTC on DATE (default: after the last notification).")
    LocalDate asOf;

    @Option(names = "--agreement", paramLabel = "NAME", description = "Override the declaration's agreement.")
    String agreement;

    @Option(names = "--format", defaultValue = "table", description = "json or table (default: ${DEFAULT-VALUE}).")
    Format format;

    /** The JSON output. */
    record Report(LocalDate asOf, String party, String agreement, int items, int notificationsApplied,
        Map<String, Long> aggregates, List<LimitResult> limits, List<Obligation> obligations) {}

    @Override
    public Integer call() throws Exception {
      Declaration d = CommandFiles.declaration(declaration);
      Agreement a = CommandFiles.agreement(agreement != null ? agreement
          : d.agreement() != null ? d.agreement() : "new-start");
      if (asOf != null && asOf.isBefore(d.asOf())) {
        throw new IllegalArgumentException("--as-of " + asOf + ": dates out of order: before the declaration's asOf " + d.asOf());
      }
      Instant end = asOf == null ? Instant.MAX : asOf.atStartOfDay().toInstant(ZoneOffset.UTC);
      InventoryTimeline timeline = new InventoryTimeline(a, declaration.toString(), d,
          CommandFiles.notifications(notifications));
      Inventory inv;
      try {
        inv = timeline.asOf(end);
      } catch (InventoryException e) {
        throw CommandFiles.located(notifications, e);
      }
      List<Notification> mine = timeline.applied();
      LocalDate day = asOf != null ? asOf : inv.clock().atOffset(ZoneOffset.UTC).toLocalDate();
      PartyCompliance pc = new ComplianceEvaluator(a).evaluate(day, d.party(), inv.aggregates());
      ObligationTracker t = new ObligationTracker(a);
      Instant nextDue = a.dataExchange() == null ? null : t.exchangeDue(nextExchange(a, day));
      List<Obligation> owed = new java.util.ArrayList<>();
      if (a.dataExchange() != null && d.receivedAt() != null) { // the declaration itself was owed
        t.dataExchanges(List.of(d), day).stream()
            .filter(o -> o.party().equals(d.party()) && o.what().endsWith(" " + d.asOf()) && o.status() == ObligationStatus.LATE)
            .forEach(owed::add);
      }
      t.notifications(mine, nextDue, end == Instant.MAX ? null : end).stream()
          .filter(o -> o.status() != ObligationStatus.ON_TIME).forEach(owed::add);
      Report rep = new Report(day, d.party(), a.id(), inv.size(), mine.size(), new LinkedHashMap<>(inv.aggregates()), pc.limits(), owed);
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.json) {
        out.println(CommandFiles.json(rep));
      } else {
        out.printf("%s %s as of %s: %d items, %d notifications applied%n", a.id(), d.party(), day, inv.size(), mine.size());
        table(out, List.of(pc));
        out.printf("late or missing: %d (of %d notifications and the declaration)%n", owed.size(), mine.size());
        for (Obligation o : owed) {
          out.printf("  %-8s %s %s due %s, received %s%n", o.status().label(), o.what(), o.item() == null ? "" : o.item(), o.due(), o.metAt());
        }
      }
      out.flush();
      return pc.violates() ? 2 : 0;
    }

    private static LocalDate nextExchange(Agreement a, LocalDate day) {
      return a.exchangeDates(day.plusYears(1)).stream().filter(x -> x.isAfter(day)).findFirst().orElse(day.plusMonths(6));
    }
  }
}
