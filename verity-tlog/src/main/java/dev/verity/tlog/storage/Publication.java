package dev.verity.tlog.storage;

import dev.verity.tlog.tiles.TilePath;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One atomic step of a log: tiles and entry bundles to store, then the checkpoint that covers
 * them. Storage makes every file durable before the checkpoint, so a reader that sees the
 * checkpoint finds everything it commits to.
 */
public record Publication(Map<TilePath, byte[]> files, byte[] checkpoint) {
  public Publication {
    Objects.requireNonNull(checkpoint, "checkpoint");
    files = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(files)));
  }
}
