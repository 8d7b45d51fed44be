package dev.verity.core.scenario;

/** A scenario that cannot be generated from the data (unknown date, impossible figures). */
public final class ScenarioException extends Exception {
  private static final long serialVersionUID = 1L;

  public ScenarioException(String message) {
    super(message);
  }
}
