package dev.verity.node.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a change of node.yaml while the node runs ({@code verity node peer add|remove}, or an
 * operator's edit) by reading it every {@link #PERIOD_MS} and comparing its bytes: a small file,
 * and a poll rather than the JDK's {@code WatchService}, which misses the atomic rename
 * node.yaml is written by on some file systems and is only polled itself on others. Who may
 * write the file is who may change the peers: the node's directory is its owner's only.
 */
final class NodeYamlWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeYamlWatcher.class);
  static final long PERIOD_MS = 1000;

  private final Path file;
  private final Runnable changed;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "verity-node-yaml");
    t.setDaemon(true);
    return t;
  });
  private byte[] seen;

  private NodeYamlWatcher(Path dir, Runnable changed) throws IOException {
    this.file = dir.resolve("node.yaml");
    this.changed = changed;
    this.seen = Files.readAllBytes(file);
  }

  /** Calls {@code changed} on the watcher's thread after each change of {@code dir}/node.yaml. */
  static NodeYamlWatcher start(Path dir, Runnable changed) throws IOException {
    NodeYamlWatcher w = new NodeYamlWatcher(dir, changed);
    w.timer.scheduleWithFixedDelay(w::look, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    return w;
  }

  private void look() {
    try {
      byte[] now = Files.readAllBytes(file);
      if (!Arrays.equals(now, seen)) {
        seen = now;
        changed.run();
      }
    } catch (IOException e) {
      LOG.warn("cannot read {}: {}", file, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("applying {} failed: {}", file, e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
