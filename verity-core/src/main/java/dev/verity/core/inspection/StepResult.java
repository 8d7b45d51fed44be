package dev.verity.core.inspection;

import java.util.List;

/**
 * What became of one step: accepted (with any ambiguities its findings raised), or refused and
 * why. A refused step changes nothing.
 */
public record StepResult(Step step, Refusal refusal, List<Ambiguity> raised) {
  public boolean accepted() {
    return refusal == null;
  }

  static StepResult ok(Step s) {
    return new StepResult(s, null, List.of());
  }

  static StepResult refused(Step s, Refusal r) {
    return new StepResult(s, r, List.of());
  }
}
