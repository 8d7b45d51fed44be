package dev.verity.node.cli.node;

import dev.verity.node.config.NodeConfig;
import dev.verity.node.identity.TlsRotation;
import dev.verity.node.identity.WitnessRotation;
import dev.verity.node.store.NodeStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity node key}: the node's own keys (docs/user/operate.md, "Key rotation"). */
@Command(name = "key", mixinStandardHelpOptions = true, description = "Manage the node's keys.",
    subcommands = {KeyCommands.Rotate.class})
final class KeyCommands implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = {"Make the node's next witness or TLS key, with the node stopped. At its"
          + " next start the node announces it in the log of each of its agreements; its peers"
          + " accept it as they read the announcement, without an operator's edit. The node"
          + " uses the old key until the effective time, the new one from then on; peers keep"
          + " an old witness key to check what it cosigned before (docs/user/operate.md)."})
  static final class Rotate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
    @ArgGroup(exclusive = true, multiplicity = "1") Which which;

    /** Which key: exactly one. */
    static final class Which {
      @Option(names = "--witness", description = "Rotate the witness (cosignature) key.")
      boolean witness;
      @Option(names = "--tls", description = "Rotate the TLS key (the peers' pin of it).")
      boolean tls;
    }
    @Option(names = "--effective-in", paramLabel = "SECONDS", defaultValue = "3600",
        description = "Seconds from now until the new key is used (default: ${DEFAULT-VALUE});"
            + " leave the peers time to read the announcement.") long effectiveIn;

    @Override
    public Integer call() throws Exception {
      if (effectiveIn < 0) {
        throw new IllegalArgumentException("--effective-in " + effectiveIn + ": not negative");
      }
      NodeConfig c = NodeConfig.read(dir);
      Instant now = Instant.now();
      Instant at = now.plusSeconds(effectiveIn);
      String what;
      String key;
      if (which.tls) {
        what = "TLS";
        key = TlsRotation.rotate(dir, c.party(), now, at).pin();
      } else {
        what = "witness";
        key = WitnessRotation.rotate(dir, now, at).verifierKey();
      }
      try (NodeStore store = NodeStore.open(c, dir)) {
        store.audit("cli", what.toLowerCase(Locale.ROOT) + "-key-rotate", key + " from " + at);
      }
      spec.commandLine().getOut().printf("next %s key %s, used from %s; the node announces"
          + " it to its peers at its next start%n", what, key, at);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
