package dev.verity.tlog.tiles;

/**
 * Formatting and strict parsing of tile paths. C2SP tlog-tiles: "{@code <N>} is the index of the
 * tile within the level. It MUST be a non-negative integer encoded into zero-padded 3-digit path
 * elements. All but the last path element MUST begin with an x." (1234067 → x001/x234/067).
 * {@code <L>} and {@code <W>} are decimal without leading zeroes; W is 1–255. Parsing accepts
 * only the canonical form, so every path names exactly one tile and round-trips.
 */
final class TilePaths {
  private static final String PREFIX = "tile/";
  private static final String ENTRIES = "entries/";

  private TilePaths() {}

  static void checkIndexAndWidth(long index, int width) {
    if (index < 0) {
      throw new IllegalArgumentException("tile index must be >= 0, got " + index);
    }
    if (width < 1 || width > TilePath.WIDTH) {
      throw new IllegalArgumentException("tile width must be in [1, 256], got " + width);
    }
  }

  static String formatIndexAndWidth(long index, int width) {
    StringBuilder sb = new StringBuilder();
    appendIndex(sb, index);
    if (width < TilePath.WIDTH) {
      sb.append(".p/").append(width);
    }
    return sb.toString();
  }

  private static void appendIndex(StringBuilder sb, long n) {
    String s = pad3(n % 1000);
    while (n >= 1000) {
      n /= 1000;
      s = "x" + pad3(n % 1000) + "/" + s;
    }
    sb.append(s);
  }

  private static String pad3(long group) {
    return group < 10 ? "00" + group : group < 100 ? "0" + group : Long.toString(group);
  }

  static TilePath parse(String path) throws TileFormatException {
    if (path == null || !path.startsWith(PREFIX)) {
      throw new TileFormatException("tile path must start with tile/: " + path);
    }
    String rest = path.substring(PREFIX.length());
    boolean entries = rest.startsWith(ENTRIES);
    int level = -1;
    if (entries) {
      rest = rest.substring(ENTRIES.length());
    } else {
      int slash = rest.indexOf('/');
      if (slash < 0) {
        throw new TileFormatException("tile path has no index: " + path);
      }
      level = (int) parseDecimal(rest.substring(0, slash), TileId.MAX_LEVEL, "level", path);
      rest = rest.substring(slash + 1);
    }
    int width = TilePath.WIDTH;
    int dotP = rest.indexOf(".p/");
    if (dotP >= 0) {
      width = (int) parseDecimal(rest.substring(dotP + 3), TilePath.WIDTH - 1, "width", path);
      if (width == 0) {
        throw new TileFormatException("partial tile width must be 1-255: " + path);
      }
      rest = rest.substring(0, dotP);
    }
    long index = parseIndex(rest, path);
    return entries ? new BundleId(index, width) : new TileId(level, index, width);
  }

  /** N: groups {@code xDDD/}… then {@code DDD}; no leading {@code x000} group (not canonical). */
  private static long parseIndex(String s, String path) throws TileFormatException {
    String[] groups = s.split("/", -1);
    long n = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      boolean last = i == groups.length - 1;
      if (!last) {
        if (g.length() != 4 || g.charAt(0) != 'x') {
          throw new TileFormatException("index element must be x and 3 digits: " + path);
        }
        g = g.substring(1);
      }
      if (g.length() != 3 || !isDigits(g)) {
        throw new TileFormatException("index element must be 3 digits: " + path);
      }
      int v = Integer.parseInt(g);
      if (i == 0 && !last && v == 0) {
        throw new TileFormatException("index has a leading zero element: " + path);
      }
      if (n > (Long.MAX_VALUE - v) / 1000) {
        throw new TileFormatException("tile index overflows: " + path);
      }
      n = n * 1000 + v;
    }
    return n;
  }

  private static long parseDecimal(String s, long max, String what, String path)
      throws TileFormatException {
    if (s.isEmpty() || s.length() > 3 || !isDigits(s) || (s.length() > 1 && s.charAt(0) == '0')) {
      throw new TileFormatException(what + " must be a decimal without leading zeroes: " + path);
    }
    long v = Long.parseLong(s);
    if (v > max) {
      throw new TileFormatException(what + " must be at most " + max + ": " + path);
    }
    return v;
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
