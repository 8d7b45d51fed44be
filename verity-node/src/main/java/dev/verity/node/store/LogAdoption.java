package dev.verity.node.store;

import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.Publication;
import dev.verity.tlog.tiles.TileFormatException;
import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL node from before its log moved into the database keeps it in {@code DIR/log}:
 * at the first open with the writer lock, its tiles and bundles are copied into the database's
 * empty log, its checkpoint last, in one publication (all or nothing), and the directory is
 * renamed {@code log.adopted}, so that no tool reads the files as the log again. The storage
 * check at start then verifies the copy against the signed checkpoint.
 */
public final class LogAdoption {
  private static final Logger LOG = LoggerFactory.getLogger(LogAdoption.class);

  /** What the directory is renamed once adopted. */
  public static final String ADOPTED = "log.adopted";

  private LogAdoption() {}

  /**
   * Copies the file log in {@code dir} into {@code into} if {@code into} holds no checkpoint and
   * {@code dir} does; {@code into} must be held for writing. True if a log was adopted.
   */
  public static boolean adopt(Path dir, LogStorage into) throws IOException {
    Path checkpoint = dir.resolve("checkpoint");
    if (!Files.exists(checkpoint) || into.readCheckpoint().isPresent()) {
      return false;
    }
    Map<TilePath, byte[]> files = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String name = dir.relativize(f).toString().replace('\\', '/');
        if (!name.startsWith("tile/")) {
          continue; // the checkpoint (last, below) and the writer's lock file
        }
        try {
          files.put(TilePath.parse(name), Files.readAllBytes(f));
        } catch (TileFormatException e) {
          LOG.warn("not a tile, left behind: {}/{}", dir, name); // e.g. a crash's temp file
        }
      }
    }
    into.publish(new Publication(files, Files.readAllBytes(checkpoint)));
    Files.move(dir, dir.resolveSibling(ADOPTED));
    LOG.info("the log in {} now lives in PostgreSQL: {} tiles and bundles copied, the directory"
        + " renamed {}", dir, files.size(), ADOPTED);
    return true;
  }
}
