package dev.verity.core.talks;

/** What applying one step gave: the next state, or the same state and a refusal. */
public record Outcome(Talks talks, Refusal refusal) {

  public boolean accepted() {
    return refusal == null;
  }

  static Outcome ok(Talks next) {
    return new Outcome(next, null);
  }

  static Outcome refused(Talks unchanged, Refusal.Reason reason, String words) {
    return new Outcome(unchanged, Refusal.of(reason, words));
  }
}
