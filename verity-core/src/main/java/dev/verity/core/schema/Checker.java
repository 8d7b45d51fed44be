package dev.verity.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Collects the errors of one validation, and knows who takes part in the agreement. */
final class Checker {
  private final Set<String> participants;
  private final List<FieldError> errors = new ArrayList<>();

  Checker(Set<String> participants) {
    this.participants = participants;
  }

  Set<String> participants() {
    return participants;
  }

  void error(String path, String problem) {
    errors.add(new FieldError(path, problem));
  }

  List<FieldError> errors() {
    return errors;
  }

  /** A checker for trying one alternative of a {@code oneOf} without keeping its errors here. */
  Checker trial() {
    return new Checker(participants);
  }

  static String at(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String at(String path, int index) {
    return path + "[" + index + "]";
  }
}
