package dev.verity.core.exchange;

/** What became of a step: the next state, or a refusal (the state unchanged). */
public record ExchangeOutcome<S>(S state, ExchangeRefusal refusal) {
  public boolean accepted() {
    return refusal == null;
  }

  static <S> ExchangeOutcome<S> accepted(S state) {
    return new ExchangeOutcome<>(state, null);
  }

  static <S> ExchangeOutcome<S> refused(S unchanged, ExchangeRefusal r) {
    return new ExchangeOutcome<>(unchanged, r);
  }
}
