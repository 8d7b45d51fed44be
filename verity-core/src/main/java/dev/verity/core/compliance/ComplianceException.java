package dev.verity.core.compliance;

/** A table of aggregates that cannot be read; the message names the file, line and column. */
public final class ComplianceException extends Exception {
  private static final long serialVersionUID = 1L;

  public ComplianceException(String message) {
    super(message);
  }
}
