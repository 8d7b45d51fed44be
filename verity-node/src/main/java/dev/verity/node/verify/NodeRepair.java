package dev.verity.node.verify;

import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.entry.EntryReading;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.StoreException;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.log.LogReader;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TreeHead;
import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code verity node repair}: rewrites what {@link StorageCheck} finds damaged from a copy that
 * verifies against the signed tree, with the node stopped. A Party's own entries are held twice, in
 * {@code node.db} and in the log's files: the damaged one is rewritten from the other, after the
 * other has given the signed root; if both are damaged, from a peer's mirror ({@link EntriesFile}),
 * on the same condition. A peer's damaged mirror is dropped, to be fetched again from the peer and
 * verified from the start. Nothing is rewritten from a copy that does not verify; the damaged log
 * directory is kept beside the new one.
 */
public final class NodeRepair {
  private final Path dir;
  private final NodeConfig config;
  private final NodeIdentity identity;
  private final NodeStore store;
  private final CheckpointReader reader;
  private final Consumer<String> say;

  public NodeRepair(
      Path dir, NodeConfig config, NodeIdentity identity, NodeStore store, Consumer<String> say)
      throws Exception {
    this.dir = dir;
    this.config = config;
    this.identity = identity;
    this.store = store;
    this.reader =
        LogCheckpoints.reader(
            identity.publicIdentity().origin(), identity.publicIdentity().logKey());
    this.say = say;
  }

  /**
   * Repairs the own log (from {@code entries} if both local copies are damaged) and the mirrors.
   */
  public void repair(Path entries) throws Exception {
    repairOwn(entries);
    StorageCheck check = new StorageCheck(store);
    for (PeerConfig p : config.peers()) {
      StorageCheck.Result r = check.mirror(p, null, row -> {});
      if (!r.clean()) {
        store.resetMirror(p.party(), "cli:repair");
        say.accept(
            "mirror of "
                + p.party()
                + ": dropped ("
                + r.problems().get(0)
                + "); it is fetched again from "
                + p.party()
                + " and verified from the start when the node runs");
      }
    }
  }

  private void repairOwn(Path entries) throws Exception {
    StorageCheck check = new StorageCheck(store);
    String party = config.party();
    try (LogStorage log = LogStorage.directory(dir.resolve("log"))) {
      StorageCheck.Result files = check.ownFiles(log, reader);
      TreeHead head = files.head();
      if (head == null && entries == null) {
        throw new IOException(
            "log/checkpoint is missing or does not verify: repair needs --entries FILE from a"
                + " peer's mirror (verity node export there)");
      }
      boolean rowsGood =
          head != null && check.ownRows(party, log, head, files.clean(), r -> {}).clean();
      if (files.clean() && rowsGood) {
        return;
      }
      if (!files.clean()) {
        if (!rowsGood && entries == null) {
          throw new IOException(
              "both copies of "
                  + party
                  + "'s log are damaged (node.db and log/): repair needs --entries FILE from a"
                  + " peer's mirror (verity node export --dir PEER-DIR --party "
                  + party
                  + ")");
        }
        byte[] checkpoint = rebuildLog(rowsGood ? null : entries, head);
        say.accept(
            "log/: rebuilt from "
                + (rowsGood ? "node.db" : entries)
                + "; the damaged files are kept in "
                + dir.relativize(moved));
        head = reader.open(checkpoint);
      }
    }
    try (LogStorage log = LogStorage.directory(dir.resolve("log"))) {
      if (!check.ownRows(party, log, head(log), true, r -> {}).clean()) {
        say.accept(
            "node.db: " + rewriteRows(log) + " entries of " + party + " rewritten from the log");
      }
    }
  }

  private Path moved;

  private TreeHead head(LogStorage log) throws IOException {
    return LogReader.open(log, reader).treeHead();
  }

  /**
   * Appends the Party's entries (from {@code file}, or from {@code node.db}) to a new log beside
   * the damaged one; if they give the signed root, the new one takes its place.
   */
  private byte[] rebuildLog(Path file, TreeHead head) throws Exception {
    Path fresh = dir.resolve("log.rebuilt");
    deleteTree(fresh);
    TreeHead expected = head;
    try (EntriesFile.Reader in = file == null ? null : new EntriesFile.Reader(file);
        LogWriter w =
            LogWriter.builder(LogStorage.directory(fresh))
                .signer(
                    LogCheckpoints.signer(
                        identity.publicIdentity().origin(), identity.logSignerKey()))
                .reader(reader)
                .open()) {
      if (in != null) {
        expected = reader.open(in.header().checkpoint().getBytes(StandardCharsets.UTF_8));
      }
      append(w, in, expected.size());
      if (!w.treeHead().equals(expected)) {
        throw new IOException(
            "the entries do not give "
                + config.party()
                + "'s signed root of size "
                + expected.size()
                + ": nothing was rewritten");
      }
    }
    moved = dir.resolve("log.damaged-" + Instant.now().getEpochSecond());
    Files.move(dir.resolve("log"), moved);
    Files.move(fresh, dir.resolve("log"), StandardCopyOption.ATOMIC_MOVE);
    return Files.readAllBytes(dir.resolve("log/checkpoint"));
  }

  /**
   * Appends entries [0, size) a thousand at a time (each batch durable before the next is read).
   */
  private void append(LogWriter w, EntriesFile.Reader in, long size) throws Exception {
    for (long i = 0; i < size; ) {
      List<byte[]> batch = new ArrayList<>();
      if (in != null) {
        for (byte[] e;
            batch.size() < 1024 && i + batch.size() < size && (e = in.next()) != null; ) {
          batch.add(e);
        }
      } else {
        store.messagesFrom(config.party(), i, 1024, 16L << 20).stream()
            .filter(r -> r.index() < size)
            .forEach(r -> batch.add(r.entry()));
      }
      if (batch.isEmpty()) {
        throw new IOException("only " + i + " of " + size + " entries: nothing was rewritten");
      }
      List<CompletableFuture<Long>> done = new ArrayList<>();
      batch.forEach(e -> done.add(w.appendAsync(e)));
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
      i += batch.size();
    }
  }

  /**
   * Rewrites every own row of {@code node.db} that differs from the (verified) log, or is missing.
   */
  private long rewriteRows(LogStorage log) throws IOException, StoreException {
    LogReader r = LogReader.open(log, reader);
    long size = r.treeHead().size();
    long fixed = 0;
    for (long from = 0; from < size; ) {
      long to = Math.min(size, (from / TilePath.WIDTH + 1) * TilePath.WIDTH);
      List<byte[]> entries = r.entries(from, to);
      for (int i = 0; i < entries.size(); i++) {
        Optional<MessageRow> row = store.message(config.party(), from + i);
        byte[] e = entries.get(i);
        if (row.isEmpty()
            || !Arrays.equals(row.get().entry(), e)
            || !row.get().leafHash().equals(MerkleHash.leaf(e).hex())) {
          EntryReading read = EntryReading.of(config.party(), from + i, e);
          store.repairMessage(
              new MessageRow(
                  config.party(),
                  from + i,
                  read.type(),
                  MerkleHash.leaf(e).hex(),
                  e,
                  Instant.now(),
                  read.readable() ? read.envelope().clientId() : null),
              "cli:repair");
          fixed++;
        }
      }
      from = to;
    }
    return fixed;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
