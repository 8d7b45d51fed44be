package dev.verity.core.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the protocol engine folds for one protocol: its subjects in the order they were opened,
 * how much of each quota each Party has used per period, and when subjects entered each state
 * (for "quiet" gates). Mutable, owned by the fold ({@link dev.verity.core.regime.Regime}).
 */
public final class ProtocolState {
  private final Map<String, Subject> subjects = new LinkedHashMap<>();
  private final Map<String, Integer> used = new TreeMap<>();
  private final Map<String, List<Instant>> entered = new HashMap<>();

  ProtocolState() {}

  public Optional<Subject> subject(String id) {
    return Optional.ofNullable(subjects.get(id));
  }

  /** Every subject, in the order opened. */
  public List<Subject> subjects() {
    return List.copyOf(subjects.values());
  }

  /** Quota used, by {@code quota|period|party}. */
  public Map<String, Integer> used() {
    return Collections.unmodifiableMap(used);
  }

  void open(Subject s) {
    subjects.put(s.id(), s);
  }

  int used(String key) {
    return used.getOrDefault(key, 0);
  }

  void count(String key) {
    used.merge(key, 1, Integer::sum);
  }

  void entered(String state, Instant at) {
    entered.computeIfAbsent(state, s -> new ArrayList<>()).add(at);
  }

  /** When subjects entered {@code state}, in fold order. */
  List<Instant> entries(String state) {
    return entered.getOrDefault(state, List.of());
  }
}
