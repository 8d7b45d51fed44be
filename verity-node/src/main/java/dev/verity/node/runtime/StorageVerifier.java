package dev.verity.node.runtime;

import dev.verity.node.config.PeerConfig;
import dev.verity.node.federation.Mirror;
import dev.verity.node.verify.StorageCheck;
import dev.verity.node.verify.StorageCheck.Result;
import dev.verity.node.verify.StorageProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks, in the background, everything the node serves against the signed trees (the same
 * {@link StorageCheck} as at start: the own log's files and entries, each mirror's entries and
 * tiles), every {@code verifyMinutes}; a problem raises the local {@code storage-corrupt} alarm,
 * which says the fault is this node's disk and not a peer's doing. Reads in the served path are
 * checked anyway; this finds damage in what nobody has asked for yet, before a restart does.
 */
final class StorageVerifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StorageVerifier.class);

  private final Participation node;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "verity-storage-check");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
          });

  private StorageVerifier(Participation node) {
    this.node = node;
  }

  /** Checks every {@code minutes} (none if not positive). */
  static StorageVerifier start(Participation node, int minutes) {
    StorageVerifier v = new StorageVerifier(node);
    if (minutes > 0) {
      v.timer.scheduleWithFixedDelay(v::runQuietly, minutes, minutes, TimeUnit.MINUTES);
    }
    return v;
  }

  private void runQuietly() {
    try {
      List<StorageProblem> found = node.checkStorage();
      LOG.info(
          "storage check: {}",
          found.isEmpty() ? "every log verifies" : found.size() + " problem(s)");
    } catch (Exception e) {
      LOG.error("storage check failed to run: {}", e.getMessage());
    }
  }

  /** One full check now; the problems found. */
  List<StorageProblem> check() throws Exception {
    StorageCheck check = new StorageCheck(node.store());
    List<StorageProblem> out = new ArrayList<>();
    Result files = check.ownFiles(node.logStorage(), node.ownReader());
    out.addAll(files.problems());
    if (files.head() != null) {
      out.addAll(
          check
              .ownRows(
                  node.config().party(), node.logStorage(), files.head(), files.clean(), r -> {})
              .problems());
    }
    for (PeerConfig p : node.config().peers()) {
      Mirror m = node.mirrors().get(p.party());
      if (m != null) { // null: pinned a moment ago, and checked then
        out.addAll(check.mirror(p, m.head(), r -> {}).problems());
      }
    }
    return out;
  }

  /**
   * Why a node does not start: each problem, and what to do (docs/user/node.md, "When storage is
   * damaged").
   */
  static String refusal(Path dir, List<StorageProblem> problems) {
    StringBuilder b =
        new StringBuilder(
            dir
                + ": the stored logs do not verify against their signed trees;"
                + " the node does not start, so that it serves no wrong figure or proof:\n");
    problems.forEach(p -> b.append("  ").append(p).append('\n'));
    b.append("To recover: `verity node repair --dir ")
        .append(dir)
        .append("` rewrites what is damaged from the copy")
        .append(
            " that verifies (node.db and the log files each hold this Party's entries; a peer's"
                + " mirror is")
        .append(
            " fetched again from the peer). If both copies of this Party's log are damaged, every"
                + " peer's")
        .append(
            " mirror holds it: on a peer, `verity node export --dir PEER-DIR --party PARTY --out"
                + " FILE`, then")
        .append(" `verity node repair --dir ")
        .append(dir)
        .append(" --entries FILE`. `verity node check --dir ")
        .append(dir)
        .append("` lists every problem.");
    return b.toString();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
