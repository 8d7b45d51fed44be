package dev.verity.node.bundle;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity bundle export|import}: carry entries across an air gap (docs/user/node.md). */
@Command(name = "bundle", mixinStandardHelpOptions = true,
    description = "Carry log entries across an air gap as one signed file.",
    subcommands = {BundleCommand.Export.class, BundleCommand.Import.class})
public final class BundleCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write this node's entries from --from (default 0) with its checkpoint and proofs, signed.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;
    @Option(names = "--from", defaultValue = "0", paramLabel = "N",
        description = "First entry (a multiple of 256 at or below what the peer has; default 0).") long from;

    @Override
    public Integer call() throws Exception {
      Bundle b = Bundles.export(dir, from);
      Bundles.write(b, out);
      spec.commandLine().getOut().printf("%s: %d entries of %s from %d%n", out, b.entries().size(), b.origin(), from);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Verify a pinned peer's bundle exactly like online delivery, apply it and cosign (node stopped).")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
    @Option(names = "--in", required = true, paramLabel = "FILE") Path in;

    @Override
    public Integer call() throws Exception {
      Bundles.Imported r = Bundles.importBundle(dir, Bundles.read(in));
      PrintWriter o = spec.commandLine().getOut();
      if (r.status() != 200) {
        throw new BundleException("the witness refused the checkpoint (" + r.status() + "): " + r.answer().trim());
      }
      o.printf("%s: %s's log verified and applied up to %d entries; cosignature (the receipt):%n%s", in, r.party(),
          r.size(), r.answer());
      o.flush();
      return 0;
    }
  }
}
