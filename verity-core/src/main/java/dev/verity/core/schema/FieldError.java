package dev.verity.core.schema;

/**
 * One thing wrong with a message's fields: where (a path into the fields, such as {@code
 * impactAreas[1].circle.radius}) and what, in plain words (for example "expected an ISO 8601 UTC
 * instant such as 2020-10-01T10:00:00Z").
 */
public record FieldError(String path, String problem) {
  @Override
  public String toString() {
    return path.isEmpty() ? problem : path + ": " + problem;
  }
}
