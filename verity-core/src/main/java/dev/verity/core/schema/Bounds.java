package dev.verity.core.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The bounds of a number field, in words and in the canonical form. */
final class Bounds {
  private Bounds() {}

  static String words(Number min, Number max) {
    if (min != null && max != null) {
      return " from " + plain(min) + " to " + plain(max);
    }
    if (min != null) {
      return " of at least " + plain(min);
    }
    return max != null ? " of at most " + plain(max) : "";
  }

  private static String plain(Number n) {
    double d = n.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : n.toString();
  }

  static ObjectNode put(ObjectNode o, Number min, Number max) {
    put(o, "min", min);
    put(o, "max", max);
    return o;
  }

  private static void put(ObjectNode o, String key, Number n) {
    if (n instanceof Long l) {
      o.put(key, l);
    } else if (n != null) {
      o.put(key, n.doubleValue());
    }
  }
}
