package dev.verity.node.cli.node;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.runtime.Node;
import dev.verity.node.store.NodeStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity node agreement join|leave|list}: the agreements a stopped node takes part in.
 * Joining adds one (its data in {@code DIR/agreements/<id>/}, its log created at the next run)
 * and shares it with the pinned peers named; leaving stops taking part: the node no longer
 * serves, witnesses or publishes that agreement, and its data stays where it was, read by
 * nobody until the node joins again (it then resumes from it) or the operator removes it. The
 * home agreement cannot be left: it holds the node's tokens and audit trail.
 */
@Command(name = "agreement", mixinStandardHelpOptions = true,
    description = "The agreements this node takes part in (join, leave, list).",
    subcommands = {AgreementCommands.Join.class, AgreementCommands.Leave.class,
        AgreementCommands.ListAgreements.class})
final class AgreementCommands implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Writes {@code c} and the identity file that lists its agreements; audits {@code what}. */
  static void save(Path dir, NodeConfig c, String what) throws Exception {
    c.write(dir);
    NodeIdentity id = NodeIdentity.load(dir, c.agreement(), c.party());
    NodeIdentity.writePublic(id.withAgreements(c.agreements()).publicIdentity(),
        dir.resolve("identity.json"));
    try (NodeStore store = NodeStore.open(c, dir)) {
      store.audit("cli", "agreement", what);
    }
  }

  /** The peers with {@code a} added to (or removed from) the agreements of those named. */
  static List<PeerConfig> sharing(List<PeerConfig> peers, String a, List<String> with,
      boolean add) {
    List<PeerConfig> out = new ArrayList<>();
    for (PeerConfig p : peers) {
      List<String> list = new ArrayList<>(p.agreements());
      list.remove(a);
      if (add && with.contains(p.party())) {
        list.add(a);
      }
      out.add(p.withAgreements(list));
    }
    return out;
  }

  @Command(name = "join", mixinStandardHelpOptions = true,
      description = "Take part in another (bundled) agreement, shared with the peers named.")
  static final class Join implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
    @Option(names = "--agreement", required = true, paramLabel = "NAME") String agreement;
    @Option(names = "--peers", split = ",", paramLabel = "PARTY[,PARTY...]",
        description = "Pinned peers to share it with (default: none yet; 'verity node peer add"
            + " --agreements' later).")
    List<String> peers = List.of();

    @Override
    public Integer call() throws Exception {
      StorageCommands.refuseIfRunning(dir);
      NodeConfig c = NodeConfig.read(dir);
      Agreement a = NodeCommand.participant(AgreementCatalog.get(agreement), c.party());
      if (c.agreements().contains(a.id())) {
        throw new IllegalArgumentException("--agreement " + a.id() + ": this node is in it");
      }
      for (String p : peers) {
        if (c.peers().stream().noneMatch(x -> x.party().equals(p))) {
          throw new IllegalArgumentException("--peers " + p + ": not a pinned peer ('verity node"
              + " peer add' first)");
        }
        NodeCommand.participant(a, p);
      }
      List<String> list = new ArrayList<>(c.agreements());
      list.add(a.id());
      c = c.withAgreements(list).withPeers(sharing(c.peers(), a.id(), peers, true));
      save(dir, c, "join " + a.id() + " with " + peers);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s joined %s (data in %s), shared with %s; identity.json lists it now%n",
          c.party(), a.id(), Node.dataDir(dir, c, a.id()), peers.isEmpty() ? "no peer yet" : peers);
      out.flush();
      return 0;
    }
  }

  @Command(name = "leave", mixinStandardHelpOptions = true,
      description = "Stop taking part in an agreement; its data is kept, served to nobody.")
  static final class Leave implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
    @Option(names = "--agreement", required = true, paramLabel = "NAME") String agreement;

    @Override
    public Integer call() throws Exception {
      StorageCommands.refuseIfRunning(dir);
      NodeConfig c = NodeConfig.read(dir);
      if (!c.agreements().contains(agreement)) {
        throw new IllegalArgumentException("--agreement " + agreement + ": this node is not in"
            + " it (it is in " + c.agreements() + ")");
      }
      if (agreement.equals(c.agreement())) {
        throw new IllegalArgumentException("--agreement " + agreement + ": the home agreement"
            + " (it holds the node's tokens and audit trail) cannot be left");
      }
      List<String> list = new ArrayList<>(c.agreements());
      list.remove(agreement);
      c = c.withAgreements(list).withPeers(sharing(c.peers(), agreement, List.of(), false));
      save(dir, c, "leave " + agreement);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s left %s: no longer served, witnessed or published; its data stays in %s"
          + " ('join' again resumes from it)%n", c.party(), agreement,
          Node.dataDir(dir, c, agreement));
      out.flush();
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "The agreements this node takes part in: role, data, peers.")
  static final class ListAgreements implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;

    @Override
    public Integer call() throws Exception {
      NodeConfig c = NodeConfig.read(dir);
      PrintWriter out = spec.commandLine().getOut();
      for (String a : c.agreements()) {
        NodeConfig in = c.forAgreement(a);
        String role = in.agreementDefinition(dir).party(c.party()).orElseThrow().role();
        out.printf("%-32s %-10s %s  peers %s%s%n", a, role, Node.dataDir(dir, c, a),
            in.peers().stream().map(PeerConfig::party).toList(),
            a.equals(c.agreement()) ? "  (home)" : "");
      }
      out.flush();
      return 0;
    }
  }
}
