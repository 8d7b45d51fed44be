package dev.verity.node.cli;

import dev.verity.node.bundle.BundleCommand;
import dev.verity.node.cli.demo.DemoCommand;
import dev.verity.node.cli.message.MessageCommand;
import dev.verity.node.cli.node.NodeCommand;
import dev.verity.node.cli.tlog.KeyCommand;
import dev.verity.node.cli.tlog.NoteCommand;
import dev.verity.node.cli.tlog.TlogCommand;
import dev.verity.node.cli.tlog.WitnessCommand;
import dev.verity.node.cli.treaty.AgreementCommand;
import dev.verity.node.cli.treaty.ScenarioCommand;
import dev.verity.node.module.NodeModules;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code verity} command line: one entry point for the log library, the treaty engine and
 * the node. Each feature contributes its own subcommand class; this class lists the node's own,
 * and each provision's module ({@link NodeModules#ALL}) adds its commands.
 */
@Command(
    name = "verity",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Verification of arms-control agreements over witnessed transparency logs.",
    subcommands = {
        CommandLine.HelpCommand.class,
        KeyCommand.class,
        NoteCommand.class,
        TlogCommand.class,
        WitnessCommand.class,
        AgreementCommand.class,
        ScenarioCommand.class,
        NodeCommand.class,
        BundleCommand.class,
        MessageCommand.class,
        DemoCommand.class,
        BenchCommand.class})
public final class VerityCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (for tests, without exiting the JVM). */
  public static int execute(String... args) {
    return newCommandLine().execute(args);
  }

  /** A fresh command line (tests set its out/err writers). */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new VerityCommand());
    NodeModules.commands().forEach(cl::addSubcommand);
    cl.setExecutionExceptionHandler(new UserErrorHandler());
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
