package dev.verity.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Collects the errors of one validation, and knows who takes part in the agreement and the whole
 * message being checked (for an alternative allowed only when another field has some value).
 */
final class Checker {
  private final Set<String> participants;
  private final JsonNode message;
  private final List<FieldError> errors = new ArrayList<>();

  Checker(Set<String> participants, JsonNode message) {
    this.participants = participants;
    this.message = message;
  }

  Set<String> participants() {
    return participants;
  }

  /** The top-level field {@code name} of the message being checked, if it has one. */
  Optional<JsonNode> top(String name) {
    return message != null && message.hasNonNull(name) ? Optional.of(message.get(name))
        : Optional.empty();
  }

  void error(String path, String problem) {
    errors.add(new FieldError(path, problem));
  }

  List<FieldError> errors() {
    return errors;
  }

  /** A checker for trying one alternative of a {@code oneOf} without keeping its errors here. */
  Checker trial() {
    return new Checker(participants, message);
  }

  static String at(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String at(String path, int index) {
    return path + "[" + index + "]";
  }
}
