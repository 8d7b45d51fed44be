package dev.verity.core.scenario;

import dev.verity.core.agreement.Agreement;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A copy of ../shared/data/new-start-aggregates.csv shipped with Verity (with its source column),
 * so that the CLI works without the shared folder. Tests use the shared file itself.
 */
public final class PublishedData {
  public static final String NEW_START_AGGREGATES = "new-start-aggregates.csv";
  /** The tables shipped, by the name an agreement's {@code publishedFigures} gives. */
  public static final Set<String> TABLES = Agreement.PUBLISHED_TABLES;

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
