package dev.verity.node.cli.treaty;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.compliance.AggregatesTable;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Notification;
import dev.verity.core.scenario.ForceTemplates;
import dev.verity.core.scenario.PublishedData;
import dev.verity.core.scenario.Scenario;
import dev.verity.core.scenario.ScenarioGenerator;
import dev.verity.node.cli.io.CommandFiles;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity scenario generate}: demo data and test oracle from the published figures. */
@Command(
    name = "scenario",
    description = "Generate item-level scenarios from published aggregates.",
    mixinStandardHelpOptions = true,
    subcommands = {ScenarioCommand.Generate.class})
public final class ScenarioCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Write, for each Party, a declaration as of an exchange date whose aggregates equal the"
            + " published figures exactly, the notifications to the next exchange (or each exchange"
            + " through --through) and the declarations there, so that reconciliation is clean.",
        "Layout: DIR/declarations/<PARTY>-<DATE>.json and DIR/notifications/<PARTY>-<FROM>--<TO>.json.",
        "--discrepancies N plants N discrepancies and writes their list to --key FILE."
      })
  static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--agreement", defaultValue = "new-start", paramLabel = "NAME",
        description = "Bundled agreement or YAML file (default: ${DEFAULT-VALUE}).")
    String agreement;

    @Option(names = "--as-of", required = true, paramLabel = "DATE", description = "An exchange date of the table.")
    LocalDate asOf;

    @Option(names = "--through", paramLabel = "DATE", description = "Last exchange to reach (default: the next one).")
    LocalDate through;

    @Option(names = "--discrepancies", defaultValue = "0", paramLabel = "N") int discrepancies;

    @Option(names = "--key", paramLabel = "FILE", description = "Where to write the planted discrepancies (JSON).")
    Path key;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", paramLabel = "FILE.csv",
        description = "Published aggregates (default: the copy of new-start-aggregates.csv shipped with Verity).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

    @Override
    public Integer call() throws Exception {
      if (discrepancies < 0) {
        throw new IllegalArgumentException("--discrepancies: must not be negative");
      }
      if (discrepancies > 0 && key == null) {
        throw new IllegalArgumentException("--key FILE is required with --discrepancies");
      }
      Agreement a = CommandFiles.agreement(agreement);
      List<AggregatesTable.Row> rows;
      try (Reader r = data == null ? PublishedData.newStartAggregates() : Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
        rows = AggregatesTable.read(data == null ? PublishedData.NEW_START_AGGREGATES : data.toString(), r, a);
      }
      Scenario s = new ScenarioGenerator(a, rows, ForceTemplates.bundled()).generate(asOf, through, discrepancies, seed);
      PrintWriter o = spec.commandLine().getOut();
      for (Declaration d : s.declarations()) {
        Path f = out.resolve("declarations").resolve(d.party() + "-" + d.asOf() + ".json");
        CommandFiles.write(f, DataExchangeJson.write(d));
        o.printf("%s  %d items, aggregates %s%n", f, d.items().size(), Inventory.of(a, f.toString(), d).aggregates());
      }
      for (Declaration d : s.declarations()) {
        LocalDate next = s.declarations().stream().filter(x -> x.party().equals(d.party()) && x.asOf().isAfter(d.asOf()))
            .map(Declaration::asOf).min(LocalDate::compareTo).orElse(null);
        if (next == null) {
          continue;
        }
        var from = d.asOf().atStartOfDay().toInstant(ZoneOffset.UTC);
        var to = next.atStartOfDay().toInstant(ZoneOffset.UTC);
        List<Notification> ns = s.notifications().stream()
            .filter(n -> n.party().equals(d.party()) && !n.eventTime().isBefore(from) && n.eventTime().isBefore(to)).toList();
        Path f = out.resolve("notifications").resolve(d.party() + "-" + d.asOf() + "--" + next + ".json");
        CommandFiles.write(f, DataExchangeJson.write(ns));
        o.printf("%s  %d notifications%n", f, ns.size());
      }
      for (String skip : s.skipped()) {
        o.println("skipped " + skip);
      }
      if (key != null) {
        CommandFiles.write(key, DataExchangeJson.write(s.key()));
        o.printf("%s  %d planted discrepancies%n", key, s.key().size());
      }
      o.flush();
      return 0;
    }
  }
}
