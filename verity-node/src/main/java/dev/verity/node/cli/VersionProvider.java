package dev.verity.node.cli;

import dev.verity.node.build.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code verity --version}: the project version and the git commit it was built from. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    BuildInfo b = BuildInfo.current();
    return new String[] {b.describe(), "Java " + Runtime.version()};
  }
}
