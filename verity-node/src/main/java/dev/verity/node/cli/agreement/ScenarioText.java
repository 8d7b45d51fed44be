package dev.verity.node.cli.agreement;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.lifecycle.Event;
import dev.verity.core.lifecycle.LifecycleRegime;
import dev.verity.core.replay.Replay;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The head of one agreement's part of {@code verity agreement replay --scenario --format text}:
 * where the agreement stands as of the instant judged (in force, suspended by whom since when and
 * why, ended) and what each Party said under it, by message type. The verdicts and obligations
 * follow ({@link ReplayCommand}). Receipts are cosignatures, which only the nodes hold: an
 * offline replay judges the entries' times.
 */
final class ScenarioText {
  private ScenarioText() {}

  static void summary(PrintWriter out, Agreement a, List<Replay.Input> in,
      Replay.Result r, Instant asOf) {
    out.printf("standing as of %s: %s%n", asOf, standing(a, r, asOf));
    Set<Integer> accepted = Set.copyOf(r.accepted());
    Map<String, Map<String, Long>> said = new TreeMap<>();
    in.stream().filter(i -> accepted.contains(i.index())).forEach(i -> said
        .computeIfAbsent(i.party(), p -> new TreeMap<>()).merge(i.type(), 1L, Long::sum));
    if (said.isEmpty()) {
      out.println("exchanged: nothing");
    }
    said.forEach((party, types) -> out.printf("exchanged by %s: %s%n", party, types.entrySet()
        .stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))));
  }

  /** In force, suspended (by whom, since when, the stated reason), or not in force. */
  private static String standing(Agreement a, Replay.Result r, Instant asOf) {
    if (!a.inForce(asOf.atOffset(ZoneOffset.UTC).toLocalDate())) {
      return "not in force (in force " + a.entryIntoForce()
          + (a.endsOn() == null ? "" : " to " + a.endsOn()) + ")";
    }
    Object v = r.state().get(LifecycleRegime.ID);
    if (!(v instanceof LifecycleRegime.View life) || life.suspendedBy().isEmpty()) {
      return "in force";
    }
    return "suspended" + life.timeline().stream()
        .filter(e -> e.what() == Event.What.SUSPENSION && !e.at().isAfter(asOf)
            && life.suspendedBy().contains(e.party()))
        .map(e -> " by " + e.party() + " since " + e.at() + ": \"" + e.text() + "\"")
        .collect(Collectors.joining(";"));
  }
}
