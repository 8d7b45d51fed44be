package dev.verity.core.protocol;

import static dev.verity.core.replay.Fuzzing.restrict;
import static dev.verity.core.replay.Fuzzing.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.AgreementException;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.replay.Fuzzing.Choices;
import dev.verity.core.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for the bundled military line with its life (seeds in
 * MilitaryLineFuzzTestInputs/): random steps, valid and not, of the line (messages of every
 * priority, acknowledgements, declines, replies, no-answer records, translations, tests) mixed
 * with suspensions, resumptions and withdrawals, folded through the offline evaluator and judged
 * at a random instant. Properties: the fold never throws; the same steps give the same outcome; a
 * prefix of the steps gives the same verdicts for those steps; no obligation is {@code suspended}
 * unless some suspension was accepted, and none is {@code not-in-force} after the line's entry
 * into force unless some withdrawal was.
 */
class MilitaryLineFuzzTest {
  static final Agreement LINE = load();
  static final Instant START = Instant.parse("2026-02-04T12:00:00Z");
  static final String[] TYPES = {"line-message", "line-ack", "line-decline", "line-reply",
      "line-no-answer", "line-translation", "line-test", "agreement-suspension",
      "agreement-resumption", "agreement-withdrawal", "line-message", "line-ack"};
  static final String[] PARTIES = {"US", "RU", "US", "RU", "UA"};
  static final String[] IDS = {"F-1", "F-2", "F-3", "F 4"};
  static final String[] PRIORITIES = {"flash", "immediate", "routine", "urgent"};
  static final String[] TEXT = {"text"};

  static Agreement load() {
    try {
      return AgreementCatalog.get("us-ru-military-line");
    } catch (AgreementException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void randomStepsOfTheLineAndItsLife(byte[] input) throws Exception {
    Choices d = new Choices(input);
    List<Replay.Input> steps = steps(d);
    Instant asOf = START.plus(Duration.ofMinutes(d.number(14 * 24 * 60)));
    Replay.Result once = Replay.run(LINE, steps, asOf);
    Replay.Result again = Replay.run(LINE, List.copyOf(steps), asOf);
    assertThat(ProtocolEngineFuzzTest.JSON.writeValueAsString(again))
        .isEqualTo(ProtocolEngineFuzzTest.JSON.writeValueAsString(once));
    assertThat(once.accepted().size() + once.refused().size()).isEqualTo(steps.size());
    for (int k = 0; k < steps.size(); k += 1 + steps.size() / 3) {
      Replay.Result prefix = Replay.run(LINE, steps.subList(0, k), asOf);
      assertThat(verdicts(prefix)).isEqualTo(restrict(verdicts(once), k));
    }
    boolean suspended = accepted(once, steps, "agreement-suspension");
    boolean withdrawn = accepted(once, steps, "agreement-withdrawal");
    Instant inForce = Instant.parse("2026-02-05T00:00:00Z");
    for (Replay.Owed o : once.obligations()) {
      assertThat(o.status() != Status.SUSPENDED || suspended).as(o.toString()).isTrue();
      assertThat(o.status() != Status.NOT_IN_FORCE || withdrawn || o.due().isBefore(inForce))
          .as(o.toString()).isTrue();
    }
  }

  static boolean accepted(Replay.Result r, List<Replay.Input> steps, String type) {
    return r.accepted().stream().anyMatch(i -> steps.get(i).type().equals(type));
  }

  static List<Replay.Input> steps(Choices d) {
    List<Replay.Input> out = new ArrayList<>();
    Instant t = START;
    for (int i = 0; i < 30 && d.more(); i++) {
      t = t.plus(Duration.ofMinutes(1 + d.number(6 * 60)));
      String type = d.pick(TYPES);
      out.add(new Replay.Input(i, t, d.pick(PARTIES), type, fields(type, d)));
    }
    return out;
  }

  static ObjectNode fields(String type, Choices d) {
    ObjectNode f = ProtocolEngineFuzzTest.JSON.createObjectNode();
    switch (type) {
      case "line-message" -> {
        ProtocolEngineFuzzTest.put(f, d, "message", IDS);
        ProtocolEngineFuzzTest.put(f, d, "to", PARTIES);
        ProtocolEngineFuzzTest.put(f, d, "priority", PRIORITIES);
        ProtocolEngineFuzzTest.put(f, d, "text", TEXT);
        ProtocolEngineFuzzTest.put(f, d, "language", new String[] {"en", "ru", "EN"});
        ProtocolEngineFuzzTest.put(f, d, "officer", TEXT);
      }
      case "line-test" -> ProtocolEngineFuzzTest.put(f, d, "text", TEXT);
      case "line-translation" -> {
        ProtocolEngineFuzzTest.put(f, d, "message", IDS);
        ProtocolEngineFuzzTest.put(f, d, "into", new String[] {"ru", "en"});
        ProtocolEngineFuzzTest.put(f, d, "translation", TEXT);
        ProtocolEngineFuzzTest.put(f, d, "translator", TEXT);
      }
      case "agreement-suspension", "agreement-withdrawal" ->
          ProtocolEngineFuzzTest.put(f, d, "statedReason", TEXT);
      case "agreement-resumption" -> { }
      default -> {
        ProtocolEngineFuzzTest.put(f, d, "message", IDS);
        ProtocolEngineFuzzTest.put(f, d, "officer", TEXT);
        if (type.equals("line-reply")) {
          ProtocolEngineFuzzTest.put(f, d, "reply", TEXT);
        }
      }
    }
    if (d.next(8) == 0) {
      f.put("effectiveAt", START.plus(Duration.ofHours(d.number(400))).toString());
    }
    return f;
  }
}
