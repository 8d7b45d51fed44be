package dev.verity.core.regime;

/** What a regime made of one step: the next state, or a refusal (and the state unchanged). */
public sealed interface Outcome<S> {
  /** The step was applied; {@code state} is the state after it. */
  record Next<S>(S state) implements Outcome<S> {}

  /** The step was refused, and changed nothing. */
  record Refused<S>(Refusal refusal) implements Outcome<S> {}

  static <S> Outcome<S> next(S state) {
    return new Next<>(state);
  }

  static <S> Outcome<S> refused(Refusal.Kind kind, String rule, String reason) {
    return new Refused<>(new Refusal(kind, rule, reason));
  }

  static <S> Outcome<S> refused(Refusal refusal) {
    return new Refused<>(refusal);
  }

  default boolean accepted() {
    return this instanceof Next;
  }
}
