package dev.verity.core.exchange;

import static dev.verity.core.exchange.ExchangeRegime.refuse;
import static dev.verity.core.exchange.Rule.MALFORMED;

import dev.verity.core.exchange.Arrangement.CategoryRule;
import dev.verity.core.exchange.Arrangement.Stage;
import dev.verity.core.message.Fields;
import dev.verity.core.regime.Refusal;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The shape of an arrangement: what it must say for its exchange to be folded at all. */
final class Arrangements {
  private Arrangements() {}

  /** Empty when {@code a} is well formed, else the refusal naming what is wrong. */
  static Optional<Refusal> shape(Arrangement a) {
    if (!Fields.id(a.exchange()) || a.mediators().isEmpty() || a.categories().isEmpty()
        || a.stages().isEmpty()) {
      return refuse(MALFORMED, "an arrangement names the exchange, its mediators, its categories"
          + " and its stages");
    }
    Set<String> categories = new HashSet<>();
    for (CategoryRule c : a.categories()) {
      if (c == null || !Fields.id(c.id()) || !categories.add(c.id())) {
        return refuse(MALFORMED, "categories: each once, with an id");
      }
    }
    Set<Integer> stages = new HashSet<>();
    for (Stage s : a.stages()) {
      if (s == null || s.number() < 1 || s.date() == null || !stages.add(s.number())) {
        return refuse(MALFORMED, "stages: each numbered once from 1, with its date");
      }
    }
    return ExchangeRegime.firstOf(ratio(a), counts(a, categories));
  }

  private static Optional<Refusal> ratio(Arrangement a) {
    for (Map.Entry<String, Integer> e : a.ratio().entrySet()) {
      if (!a.parties().contains(e.getKey()) || e.getValue() == null || e.getValue() < 1) {
        return refuse(MALFORMED, "ratio." + e.getKey() + ": a share of at least 1 for a Party"
            + " to the exchange");
      }
    }
    return Optional.empty();
  }

  private static Optional<Refusal> counts(Arrangement a, Set<String> categories) {
    for (Map.Entry<String, Map<String, Integer>> e : a.counts().entrySet()) {
      if (!a.parties().contains(e.getKey()) || e.getValue() == null) {
        return refuse(MALFORMED, "counts." + e.getKey() + ": not a Party to the exchange");
      }
      for (Map.Entry<String, Integer> c : e.getValue().entrySet()) {
        if (!categories.contains(c.getKey()) || c.getValue() == null || c.getValue() < 0) {
          return refuse(MALFORMED, "counts." + e.getKey() + "." + c.getKey() + ": a count of"
              + " at least 0 in a category of the exchange");
        }
      }
    }
    return Optional.empty();
  }
}
