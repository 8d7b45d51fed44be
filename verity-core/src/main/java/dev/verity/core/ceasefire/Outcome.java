package dev.verity.core.ceasefire;

/**
 * What applying one step gave: the next register, or the same register and a refusal.
 */
public record Outcome(Register register, Refusal refusal) {

  public boolean accepted() {
    return refusal == null;
  }

  static Outcome refused(Register unchanged, Refusal.Reason reason, String words) {
    return new Outcome(unchanged, Refusal.of(reason, words));
  }

  static Outcome ok(Register next) {
    return new Outcome(next, null);
  }
}
