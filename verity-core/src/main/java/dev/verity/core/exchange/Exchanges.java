package dev.verity.core.exchange;

import java.util.List;
import java.util.Optional;
import org.pcollections.TreePMap;

/**
 * Every exchange under an agreement, by its identifier, as the {@link ExchangeRegime} folds them:
 * each arranged by a mediator's {@code exchange-arrangement} and then folded on its own. A
 * persistent value: a step gives a new one that shares every other exchange.
 */
public final class Exchanges {
  static final Exchanges EMPTY = new Exchanges(TreePMap.empty());

  private final TreePMap<String, ExchangeState> byId;

  private Exchanges(TreePMap<String, ExchangeState> byId) {
    this.byId = byId;
  }

  public Optional<ExchangeState> exchange(String id) {
    return Optional.ofNullable(id == null ? null : byId.get(id));
  }

  /** Every exchange, by identifier. */
  public List<ExchangeState> all() {
    return List.copyOf(byId.values());
  }

  Exchanges with(ExchangeState s) {
    return new Exchanges(byId.plus(s.arrangement().exchange(), s));
  }
}
