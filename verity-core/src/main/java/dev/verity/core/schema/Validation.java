package dev.verity.core.schema;

import java.util.List;

/** What a validation found: the fields, when they are valid; otherwise every problem. */
public record Validation(Fields fields, List<FieldError> errors) {
  public Validation {
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }
}
