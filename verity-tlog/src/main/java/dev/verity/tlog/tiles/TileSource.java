package dev.verity.tlog.tiles;

import java.io.IOException;

/**
 * Reads stored hash tiles (C2SP tlog-tiles) at exactly the width asked for, from a directory, a
 * map or over HTTP. A missing tile is a {@link java.nio.file.NoSuchFileException}, so that a
 * {@link TileHashReader} can name it.
 */
@FunctionalInterface
public interface TileSource {
  byte[] readTile(TileId id) throws IOException;
}
