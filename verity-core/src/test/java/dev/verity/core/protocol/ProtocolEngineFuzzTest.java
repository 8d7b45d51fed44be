package dev.verity.core.protocol;

import static dev.verity.core.replay.Fuzzing.restrict;
import static dev.verity.core.replay.Fuzzing.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.replay.Fuzzing.Choices;
import dev.verity.core.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Fuzz target for the protocol engine (seeds in ProtocolEngineFuzzTestInputs/): random sequences
 * of steps, valid and not, over the three protocols of protocols-test.yaml (a line with an
 * escalation ladder, the Vienna Document mechanism with a gate, notices under a treaty-year
 * quota), folded through the offline evaluator. Properties: the fold never throws (a broken rule
 * is a typed refusal); the same steps give the same verdicts, obligations and state; and folding
 * a prefix of the steps gives a prefix of the outcome (the same verdicts for those steps, and
 * every subject's timeline a prefix of its timeline after all of them). Times strictly increase,
 * so a prefix of the list is a prefix of the canonical fold order.
 */
class ProtocolEngineFuzzTest {
  static final Agreement AGREEMENT = load();
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  static final Instant START = Instant.parse("2025-12-30T00:00:00Z");
  static final String[] TYPES = {"line-message", "line-ack", "line-decline", "line-reply",
      "vd-request", "vd-reply", "vd-meeting-request", "exercise-notice", "no-such-type"};
  static final String[] PARTIES = {"US", "RU", "UA", "US", "RU", "UA", "AE", "CN"};
  static final String[] IDS = {"A", "B", "C", "A", "B", "C", "A B", ""};
  static final String[] PRIORITIES = {"flash", "immediate", "routine", "urgent"};
  static final String[] DATES = {"2026-01-20", "2026-02-04", "2026-02-05", "2026-06-01",
      "2027-02-04", "2027-03-01", "2026-13-01"};

  static Agreement load() {
    try {
      return ProtocolRegimeTest.agreement();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void randomStepSequences(byte[] input) throws Exception {
    List<Replay.Input> steps = steps(new Choices(input));
    Replay.Result once = Replay.run(AGREEMENT, steps, null);
    Replay.Result again = Replay.run(AGREEMENT, List.copyOf(steps), null);
    assertThat(JSON.writeValueAsString(again)).isEqualTo(JSON.writeValueAsString(once));
    assertThat(once.accepted().size() + once.refused().size()).isEqualTo(steps.size());
    once.refused().forEach(r -> assertThat(r.refusal()).isNotNull());
    for (int k = 0; k < steps.size(); k += 1 + steps.size() / 4) {
      Replay.Result prefix = Replay.run(AGREEMENT, steps.subList(0, k), null);
      assertThat(verdicts(prefix)).isEqualTo(restrict(verdicts(once), k));
      assertTimelinesArePrefixes(prefix, once);
    }
  }

  static List<Replay.Input> steps(Choices data) {
    List<Replay.Input> out = new ArrayList<>();
    Instant t = START;
    for (int i = 0; i < 40 && data.more(); i++) {
      t = t.plus(Duration.ofMinutes(1 + data.number(3 * 24 * 60)));
      String type = data.pick(TYPES);
      out.add(new Replay.Input(i, t, data.pick(PARTIES), type, fields(type, data)));
    }
    return out;
  }

  static ObjectNode fields(String type, Choices d) {
    ObjectNode f = JSON.createObjectNode();
    switch (type) {
      case "line-message" -> {
        put(f, d, "message", IDS);
        put(f, d, "to", PARTIES);
        put(f, d, "priority", PRIORITIES);
        put(f, d, "text", new String[] {"call us"});
      }
      case "line-ack", "line-decline" -> put(f, d, "message", IDS);
      case "line-reply" -> {
        put(f, d, "message", IDS);
        put(f, d, "text", new String[] {"noted"});
      }
      case "vd-request" -> {
        put(f, d, "request", IDS);
        put(f, d, "host", PARTIES);
        put(f, d, "concern", new String[] {"troops"});
      }
      case "vd-reply" -> {
        put(f, d, "request", IDS);
        put(f, d, "text", new String[] {"exercise"});
      }
      case "vd-meeting-request" -> put(f, d, "request", IDS);
      default -> put(f, d, "exerciseStart", DATES);
    }
    if (d.next(16) == 0) {
      f.put("unexpected", 1);
    }
    return f;
  }

  /** Most of the time the field, with a value from {@code pool}; sometimes absent or a number. */
  static void put(ObjectNode f, Choices d, String name, String[] pool) {
    switch (d.next(20)) {
      case 0 -> { }
      case 1 -> f.put(name, 7);
      default -> f.put(name, d.pick(pool));
    }
  }

  static void assertTimelinesArePrefixes(Replay.Result prefix, Replay.Result all) {
    for (var e : prefix.state().entrySet()) {
      if (!(e.getValue() instanceof ProtocolRegime.View)) {
        continue; // the agreement's life: the test protocols record none
      }
      Map<String, List<Subject.Taken>> before = timelines(e.getValue());
      Map<String, List<Subject.Taken>> after = timelines(all.state().get(e.getKey()));
      before.forEach((id, steps) -> assertThat(after.get(id)).as(id).startsWith(
          steps.toArray(Subject.Taken[]::new)));
    }
  }

  static Map<String, List<Subject.Taken>> timelines(Object view) {
    return ((ProtocolRegime.View) view).subjects().stream().collect(Collectors.toMap(
        ProtocolRegime.SubjectView::id, ProtocolRegime.SubjectView::steps, (a, b) -> a,
        TreeMap::new));
  }

}
