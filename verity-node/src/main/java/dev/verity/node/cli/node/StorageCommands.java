package dev.verity.node.cli.node;

import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PublicIdentity;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.verify.EntriesFile;
import dev.verity.node.verify.EntriesFile.Header;
import dev.verity.node.verify.EntriesFile.Writer;
import dev.verity.node.verify.NodeRepair;
import dev.verity.node.verify.StorageCheck;
import dev.verity.node.verify.StorageCheck.Result;
import dev.verity.node.verify.StorageProblem;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.LogStorage;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity node check|repair|export}: a node's storage checked against the signed trees,
 * offline, repaired from a copy that verifies, and a peer's log exported from its mirror for that
 * peer's repair (docs/user/node.md, "When storage is damaged").
 */
final class StorageCommands {
  /** Exit code of {@code check} when a problem is found. */
  static final int DAMAGED = 3;

  private StorageCommands() {}

  /** The node in {@code dir} as it takes part in its home agreement (whose data is in DIR). */
  static NodeConfig home(Path dir) throws Exception {
    NodeConfig c = NodeConfig.read(dir);
    return c.forAgreement(c.agreement());
  }

  /** A running node checks itself; these work on a stopped one. */
  static void refuseIfRunning(Path dir) throws Exception {
    Path ports = dir.resolve("run/ports.json");
    if (Files.exists(ports)) {
      long pid = CanonicalJson.mapper().readTree(ports.toFile()).path("pid").asLong(-1);
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        throw new IllegalArgumentException(
            "--dir "
                + dir
                + ": the node is running (pid "
                + pid
                + "); stop it first (a running node re-checks its storage every verifyMinutes and"
                + " alarms storage-corrupt)");
      }
    }
  }

  /**
   * Every problem of the node in {@code dir} in its home agreement: the database, the own log,
   * each mirror of a peer that shares it.
   */
  static List<StorageProblem> check(Path dir, NodeStore store) throws Exception {
    NodeConfig c = home(dir);
    CheckpointReader reader = ownReader(dir, c);
    StorageCheck check = new StorageCheck(store);
    List<StorageProblem> out = new ArrayList<>(check.database());
    try (LogStorage log = store.logStorage(dir.resolve("log"))) {
      Result files = check.ownFiles(log, reader);
      out.addAll(files.problems());
      if (files.head() != null) {
        out.addAll(check.ownRows(c.party(), log, files.head(), files.clean(), r -> {}).problems());
      }
    }
    for (PeerConfig p : c.peers()) {
      out.addAll(check.mirror(p, null, r -> {}).problems());
    }
    return out;
  }

  /** The reader of the home log's checkpoints, from the keys or else the public identity. */
  private static CheckpointReader ownReader(Path dir, NodeConfig c) throws Exception {
    // the public identity is enough to check: a restore without its keys is checked too
    PublicIdentity id = Files.exists(dir.resolve("keys/log.key"))
        ? NodeIdentity.load(dir, c.agreement(), c.party()).publicIdentity()
        : NodeIdentity.readPublic(dir.resolve("identity.json")).forAgreement(c.agreement());
    return LogCheckpoints.reader(id.origin(), id.logKey());
  }

  /**
   * The problems of the home log's files in {@code dir} alone, against its signed checkpoint:
   * the check of a copy whose database is not beside it (a PostgreSQL node's backup, whose
   * node.yaml still names the live database).
   */
  static List<StorageProblem> checkLogFiles(Path dir) throws Exception {
    NodeConfig c = home(dir);
    try (LogStorage log = LogStorage.directory(dir.resolve("log"))) {
      return new StorageCheck(null).ownFiles(log, ownReader(dir, c)).problems();
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Check the whole node offline against the signed trees: node.db, the own log's files,"
              + " every mirror. Names each problem; exit code 3 if there is one.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR")
    Path dir;

    @Override
    public Integer call() throws Exception {
      refuseIfRunning(dir);
      PrintWriter out = spec.commandLine().getOut();
      List<StorageProblem> problems;
      try (NodeStore store = NodeStore.open(NodeConfig.read(dir), dir)) {
        problems = check(dir, store);
      }
      problems.forEach(p -> out.println("problem: " + p));
      out.println(
          problems.isEmpty()
              ? "ok: node.db, the log and every mirror verify against their signed trees"
              : problems.size()
                  + " problem(s): `verity node repair --dir "
                  + dir
                  + "` rewrites what it can from a copy"
                  + " that verifies (docs/user/node.md, \"When storage is damaged\")");
      out.flush();
      return problems.isEmpty() ? 0 : DAMAGED;
    }
  }

  @Command(
      name = "repair",
      mixinStandardHelpOptions = true,
      description =
          "Rewrite what `node check` finds damaged from a copy that verifies: the own log from"
              + " node.db or node.db from the log, or both from --entries (a peer's export); a"
              + " damaged mirror is fetched again.")
  static final class Repair implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR")
    Path dir;

    @Option(
        names = "--entries",
        paramLabel = "FILE",
        description =
            "This Party's log as a peer's mirror holds it (verity node export, on the peer).")
    Path entries;

    @Override
    public Integer call() throws Exception {
      refuseIfRunning(dir);
      PrintWriter out = spec.commandLine().getOut();
      NodeConfig c = home(dir);
      NodeIdentity id = NodeIdentity.load(dir, c.agreement(), c.party());
      List<StorageProblem> left;
      try (NodeStore store = NodeStore.open(c, dir)) {
        new NodeRepair(dir, c, id, store, s -> out.println("repaired: " + s)).repair(entries);
        left = check(dir, store);
      }
      left.forEach(p -> out.println("problem: " + p));
      out.println(left.isEmpty() ? "ok: the node verifies" : left.size() + " problem(s) left");
      out.flush();
      return left.isEmpty() ? 0 : DAMAGED;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Write a peer's log as this node's mirror holds it (verity-entries/v1), for that peer's"
              + " `node repair --entries`.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR")
    Path dir;

    @Option(names = "--party", required = true, paramLabel = "PARTY")
    String party;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
      NodeConfig c = home(dir);
      PeerConfig peer =
          c.peers().stream()
              .filter(p -> p.party().equals(party))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--party " + party + ": not a pinned peer of this node's home"
                              + " agreement " + c.agreement()));
      long n;
      try (NodeStore store = NodeStore.open(c, dir)) {
        Result r = new StorageCheck(store).mirror(peer, null, row -> {});
        if (!r.clean()) {
          throw new IllegalArgumentException(
              "the mirror of " + party + " does not verify: " + r.problems().get(0));
        }
        String cp = store.position(party).mirroredCheckpoint();
        if (cp == null) {
          throw new IllegalArgumentException("no checkpoint of " + party + " mirrored yet");
        }
        long size =
            LogCheckpoints.reader(peer.identity().origin(), peer.identity().logKey())
                .open(cp.getBytes(StandardCharsets.UTF_8))
                .size();
        n = write(store, new EntriesFile.Header(party, peer.identity().origin(), cp), size);
      }
      spec.commandLine().getOut().printf("%d entries of %s written to %s%n", n, party, file);
      spec.commandLine().getOut().flush();
      return 0;
    }

    private long write(NodeStore store, Header h, long size) throws Exception {
      long i = 0;
      try (Writer w = new EntriesFile.Writer(file, h)) {
        while (i < size) {
          List<MessageRow> rows = store.messagesFrom(party, i, 1024, 16L << 20);
          for (MessageRow r : rows) {
            if (r.index() < size) {
              w.add(r.entry());
              i++;
            }
          }
          if (rows.isEmpty()) {
            break;
          }
        }
      }
      return i;
    }
  }
}
