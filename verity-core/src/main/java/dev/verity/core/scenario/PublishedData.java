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

  private PublishedData() {}

  public static Reader newStartAggregates() {
    InputStream in = PublishedData.class.getResourceAsStream(NEW_START_AGGREGATES);
    if (in == null) {
      throw new IllegalStateException(NEW_START_AGGREGATES + " is missing from the class path");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
