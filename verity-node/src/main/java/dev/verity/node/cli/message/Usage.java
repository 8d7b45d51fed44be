package dev.verity.node.cli.message;

import dev.verity.node.cli.io.NodeApiOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What the message commands need before they talk to a node: a URL and a token (else exit 2). */
final class Usage {
  private Usage() {}

  static void requireNode(CommandSpec spec, NodeApiOptions api) {
    if (!api.present()) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--node=URL'");
    }
    if (api.token() == null) {
      throw new ParameterException(
          spec.commandLine(),
          "no API token: set VERITY_TOKEN (or give --token), e.g. the operator token from 'verity"
              + " node init'");
    }
  }

  /** Says on stderr what the node answered instead, and gives the exit code for it. */
  static int notAnswered(CommandSpec spec, NodeApiOptions api, NodeApiOptions.Answer a) {
    spec.commandLine().getErr()
        .printf("verity: %s answered %d: %s%n", api.node(), a.status(), a.error());
    spec.commandLine().getErr().flush();
    return MessageCommand.exitFor(a.status());
  }
}
