package dev.verity.node.cli.message;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code verity message submit|list|show}: a Party's messages through its node's API, for the
 * watch officer who works from a terminal (docs/user/node.md, "The first day").
 */
@Command(
    name = "message",
    mixinStandardHelpOptions = true,
    description =
        "Submit, list and show messages through a running node's API"
            + " (token from VERITY_TOKEN or --token).",
    subcommands = {SubmitCommand.class, ListCommand.class, ShowCommand.class})
public final class MessageCommand implements Runnable {
  /** Sysexits-style codes the message commands share (documented in their help and docs). */
  static final int EXIT_USAGE = 2;

  static final int EXIT_REFUSED = 3;
  static final int EXIT_MALFORMED = 4;
  static final int EXIT_CONFLICT = 5;
  static final int EXIT_FAILED = 1;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The exit code for a node's answer: 0 accepted, 3 refused by rules, 4 malformed, 5 conflict. */
  static int exitFor(int status) {
    if (status >= 200 && status < 300) {
      return 0;
    }
    return switch (status) {
      case 422 -> EXIT_REFUSED;
      case 400, 413 -> EXIT_MALFORMED;
      case 409 -> EXIT_CONFLICT;
      default -> EXIT_FAILED;
    };
  }
}
