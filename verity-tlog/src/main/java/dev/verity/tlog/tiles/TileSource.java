package dev.verity.tlog.tiles;

import java.io.IOException;

/** Reads stored hash tiles; a missing tile is an {@link java.nio.file.NoSuchFileException}. */
@FunctionalInterface
public interface TileSource {
  byte[] readTile(TileId id) throws IOException;
}
