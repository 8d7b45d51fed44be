package dev.verity.node.entry;

/** A message that breaks the {@link InputRules}: the JSON path at fault and what was expected. */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InputException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The JSON path of the value at fault ({@code message.item}). */
  public String field() {
    return field;
  }

  /** What was expected, without the path. */
  public String reason() {
    return getMessage().substring(field.length() + 2);
  }
}
