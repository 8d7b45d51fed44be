package dev.verity.node.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = VerityCommand.class.getPackage().getImplementationVersion();
    return new String[] {"verity " + (v == null ? "development" : v)};
  }
}
