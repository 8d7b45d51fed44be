package dev.verity.node.bundle;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity bundle export|import}: carry entries across an air gap (docs/user/node.md). */
@Command(name = "bundle", mixinStandardHelpOptions = true,
    description = "Carry log entries across an air gap as one signed file.",
    subcommands = {BundleCommand.Export.class, BundleCommand.Import.class, BundleCommand.Receipt.class})
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
    @Option(names = "--receipt-out", paramLabel = "FILE",
        description = "Also write the receipt (the checkpoint with this node's cosignature) to carry back.")
    Path receiptOut;

    @Override
    public Integer call() throws Exception {
      Bundle b = Bundles.read(in);
      Bundles.Imported r = Bundles.importBundle(dir, b);
      PrintWriter o = spec.commandLine().getOut();
      if (r.nothingNew()) {
        o.printf("%s: nothing new: this node already holds %s's log up to %d entries, received and"
            + " cosigned before (online or by an earlier bundle); no receipt to carry back%n", in,
            r.party(), r.size());
        o.flush();
        return 0;
      }
      o.printf("%s: %s's log verified and applied up to %d entries; cosignature (the receipt):%n%s", in, r.party(),
          r.size(), r.answer());
      if (receiptOut != null) {
        Files.writeString(receiptOut, Bundles.receipt(b, r), StandardCharsets.UTF_8);
        o.printf("receipt written to %s: carry it back and run 'verity bundle receipt' on %s's node%n", receiptOut,
            r.party());
      }
      o.flush();
      return 0;
    }
  }

  @Command(name = "receipt", mixinStandardHelpOptions = true,
      description = "Store a receipt carried back from a peer (written by its 'bundle import --receipt-out').")
  static final class Receipt implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
    @Option(names = "--in", required = true, paramLabel = "FILE") Path in;

    @Override
    public Integer call() throws Exception {
      Bundles.Stored s = Bundles.storeReceipt(dir, Files.readString(in, StandardCharsets.UTF_8));
      spec.commandLine().getOut().printf("%s: receipt of %s for the first %d entries, cosigned %s%n", in, s.witness(),
          s.size(), s.cosignedAt());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
