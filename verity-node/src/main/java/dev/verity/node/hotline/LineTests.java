package dev.verity.node.hotline;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Protocol;
import dev.verity.core.protocol.Availability;
import dev.verity.core.protocol.Availability.Schedule;
import dev.verity.core.protocol.Availability.TestMessage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.regime.Obligation.Kind;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Step;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.projection.Owed;
import dev.verity.node.submit.SubmitRequest;
import dev.verity.node.module.HotlineQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The line's scheduled tests (us-ru-military-line.yaml, protocol {@code line-tests}: hourly,
 * each receipted within the test message's {@code receiptWithin}): per Party, its availability
 * over the last day and week and the failure log, from when each test was sent and when the
 * other side's node cosigned it (the core's {@link Availability}).
 */
final class LineTests {
  static final String TEST = "line-test";

  private final Agreement agreement;
  private final HotlineQueries line;
  private final Optional<Schedule> schedule;

  LineTests(Agreement agreement, HotlineQueries line) {
    this.agreement = agreement;
    this.line = line;
    this.schedule = schedule(agreement);
  }

  /** The first recurring deadline met by a test message: the line's test schedule. */
  private static Optional<Schedule> schedule(Agreement a) {
    for (Protocol p : a.protocols()) {
      boolean tests = p.steps().stream().anyMatch(s -> s.message().equals(TEST));
      for (Protocol.Recurring r : p.recurring()) {
        if (tests) {
          return Schedule.of(a, p.id(), r.id());
        }
      }
    }
    return Optional.empty();
  }

  /** The protocol whose recurring deadline the tests meet, if the agreement schedules them. */
  Optional<String> protocol() {
    return agreement.protocols().stream().filter(p -> !p.recurring().isEmpty()
        && p.steps().stream().anyMatch(s -> s.message().equals(TEST))).map(Protocol::id)
        .findFirst();
  }

  /**
   * Sends this node's line test for the period now open, if it owes one ({@code owed}: the
   * obligations as of now). The client id names the period, so a test is sent once a period
   * whatever the ticks; the actor is the node itself.
   */
  void sendDue(List<Owed> owed, Instant now) throws Exception {
    String p = protocol().orElse(null);
    for (Owed o : owed) {
      if (o.regime().equals(p) && o.kind() == Kind.DEADLINE && o.party().equals(line.self())
          && o.status() == Status.DUE) {
        ObjectNode m = CanonicalJson.mapper().createObjectNode();
        m.put("text", "Verity line test, due " + o.due());
        line.submitAs(ACTOR, new SubmitRequest("line-test-" + o.due().getEpochSecond(), TEST,
            m));
      }
    }
  }

  /** Who sends the scheduled tests: the node itself, not an officer. */
  static final String ACTOR = "node:line-tests";

  /** One Party's tests: the last day's and week's reports. */
  record PartyTests(Availability.Report day, Availability.Report week) {}

  /** Per Party, its tests' availability as of {@code asOf}; empty without a schedule. */
  Map<String, PartyTests> availability(Instant asOf) {
    Map<String, PartyTests> out = new LinkedHashMap<>();
    if (schedule.isEmpty()) {
      return out;
    }
    List<Step> all = line.steps(Set.of(TEST));
    var receipts = line.receipts();
    for (var party : agreement.parties()) {
      List<TestMessage> sent = new ArrayList<>();
      for (Step s : all) {
        if (s.party().equals(party.id()) && !s.at().isAfter(asOf)) {
          sent.add(new TestMessage(s.at(), receipts.apply(s.entry()).filter(t -> !t.isAfter(
              asOf)).orElse(null)));
        }
      }
      out.put(party.id(), new PartyTests(Availability.day(schedule.get(), sent, asOf),
          Availability.week(schedule.get(), sent, asOf)));
    }
    return out;
  }
}
