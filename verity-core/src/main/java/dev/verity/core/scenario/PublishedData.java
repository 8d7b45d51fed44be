package dev.verity.core.scenario;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * A copy of ../shared/data/new-start-aggregates.csv shipped with Verity (with its source column),
 * so that the CLI works without the shared folder. Tests use the shared file itself.
 */
public final class PublishedData {
  public static final String NEW_START_AGGREGATES = "new-start-aggregates.csv";
  /** The tables shipped, by the name an agreement's {@code publishedFigures} gives. */
  public static final java.util.Set<String> TABLES = java.util.Set.of(NEW_START_AGGREGATES);

  private PublishedData() {}

  public static Reader newStartAggregates() {
    return table(NEW_START_AGGREGATES);
  }

  /** A shipped table by name (one of {@link #TABLES}). */
  public static Reader table(String name) {
    InputStream in = TABLES.contains(name) ? PublishedData.class.getResourceAsStream(name) : null;
    if (in == null) {
      throw new IllegalStateException(name + " is not a table shipped with Verity " + TABLES);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
