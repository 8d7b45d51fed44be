package dev.verity.node.cli.treaty;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.Limit;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.agreement.Party;
import dev.verity.core.agreement.Protocol;
import dev.verity.node.cli.agreement.ReplayCommand;
import dev.verity.node.cli.io.CommandFiles;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verity agreement list|show|replay}: the agreement definitions that ship with Verity, and
 * the offline evaluator of their rules.
 */
@Command(
    name = "agreement",
    description = "The agreement definitions (YAML, see docs/formats/agreement.md).",
    mixinStandardHelpOptions = true,
    subcommands = {AgreementCommand.ListCommand.class, AgreementCommand.ShowCommand.class,
        ReplayCommand.class})
public final class AgreementCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", description = "List the bundled agreements.", mixinStandardHelpOptions = true)
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      for (Agreement a : AgreementCatalog.bundled()) {
        out.printf("%-26s %s .. %s  %s%s%n", a.id(), a.entryIntoForce(), a.endsOn() == null ? "open" : a.endsOn(),
            a.title(), a.hypothetical() ? "  [hypothetical]" : "");
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "show", description = "Show one agreement: parties, limits, messages, schedules.",
      mixinStandardHelpOptions = true)
  static final class ShowCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "A bundled agreement (see 'agreement list') or a YAML file.")
    String name;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
      Agreement a = CommandFiles.agreement(name);
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.json) {
        out.println(CommandFiles.json(a));
        out.flush();
        return 0;
      }
      out.printf("%s: %s%s%n", a.id(), a.title(), a.hypothetical() ? " [HYPOTHETICAL EXAMPLE]" : "");
      out.printf("in force: %s .. %s%n", a.entryIntoForce(), a.endsOn() == null ? "open-ended" : a.endsOn());
      out.println("parties:");
      for (Party p : a.parties()) {
        out.printf("  %-4s %s (%s)%n", p.id(), p.name(), p.role());
      }
      out.println("limits:");
      for (Limit l : a.limits()) {
        out.printf("  %-36s max %6d from %s  [%s]%n", l.name(), l.max(), l.appliesFrom(), l.source());
      }
      out.println("item kinds: " + String.join(", ", a.itemKinds().stream().map(k -> k.id()).toList()));
      out.println("messages:");
      for (MessageType m : a.messages()) {
        out.printf("  %-28s %-19s %s%n", m.id(), m.notification() ? "effect " + m.effect()
            : m.provision() != null ? "from " + m.provision() : "", deadline(m.deadline()));
      }
      if (a.dataExchange() != null) {
        out.printf("data exchange: %s; initial %d days after entry into force; as of %s, due %d days later%n",
            a.dataExchange().required() ? "required" : "optional", a.dataExchange().initialDueDaysAfterEntryIntoForce(),
            String.join(" and ", a.dataExchange().asOf()), a.dataExchange().dueDaysAfterAsOf());
      }
      for (Protocol p : a.protocols()) {
        out.printf("protocol %s: states %s; steps %s; deadlines %s; quotas %s%n", p.id(),
            p.states(), p.steps().stream().map(Protocol.StepRule::id).toList(),
            p.deadlines().stream().map(Protocol.DeadlineRule::id).toList(),
            p.quotas().stream().map(Protocol.Quota::id).toList());
      }
      if (a.inspections() == null) {
        out.println("inspections: none");
      } else {
        var i = a.inspections();
        out.printf("inspections: %d Type One + %d Type Two per treaty year (from %s); %d at a time; a facility at most %d a year%n",
            i.typeOne(), i.typeTwo(), i.treatyYearStarts(), i.concurrent(), i.perFacilityPerYear());
      }
      out.flush();
      return 0;
    }

    private static String deadline(MessageType.Deadline d) {
      if (d == null) {
        return "";
      }
      if (d.afterEventDays() != null) {
        return "within " + d.afterEventDays() + " days after the event";
      }
      if (d.beforeEventHours() != null) {
        return "at least " + d.beforeEventHours() + " h before the event";
      }
      return Boolean.TRUE.equals(d.nextDataExchange()) ? "with the next data exchange" : "";
    }
  }
}
