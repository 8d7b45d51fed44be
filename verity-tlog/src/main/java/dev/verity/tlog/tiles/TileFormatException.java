package dev.verity.tlog.tiles;

/** A tile path, hash tile or entry bundle does not follow C2SP tlog-tiles. */
public final class TileFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public TileFormatException(String message) {
    super(message);
  }
}
