package dev.verity.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A protocol that names something that does not exist is refused when the agreement loads. */
class ProtocolCheckTest {
  static String yaml() throws IOException {
    try (InputStream in = ProtocolCheckTest.class.getResourceAsStream(
        "/dev/verity/core/protocol/protocols-test.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Agreement load(String text) throws AgreementException {
    return AgreementCatalog.loader().load("p.yaml", new StringReader(text));
  }

  static void refused(String from, String to, String message) throws Exception {
    String text = yaml();
    assertThat(text).contains(from);
    assertThatThrownBy(() -> load(text.replace(from, to))).hasMessage(message);
  }

  @Test
  void theTestProtocolsLoad() throws Exception {
    Agreement a = load(yaml());
    assertThat(a.protocols()).extracting(Protocol::id).containsExactly("line", "vd", "exercises");
    assertThat(a.protocols().get(0).deadlines().get(0).onMissed().escalate().repeats())
        .isEqualTo(1);
  }

  @Test
  void everyReferenceIsChecked() throws Exception {
    refused("from: [sent], to: acknowledged}", "from: [sent], to: acked}",
        "p.yaml: protocols[0].steps[1].to: unknown state 'acked'");
    refused("{message: line-ack, by: [counterpart]", "{message: line-ack, by: [captain]",
        "p.yaml: protocols[0].steps[1].by: unknown role 'captain' (one of [any, counterpart,"
            + " initiator, mediator, monitor, neutral-intermediary, observer, others, party])");
    refused("{message: vd-reply, by", "{message: line-reply, by",
        "p.yaml: protocols[1].steps[1].message: 'line-reply' is already a step of protocol line");
    refused("met: [line-reply]", "met: [line-answer]",
        "p.yaml: protocols[0].deadlines[1].met: unknown step 'line-answer'");
    refused("before: {field: exerciseStart}", "before: {field: note}",
        "p.yaml: protocols[2].deadlines[0].due.field: 'note' is no date or instant field of the"
            + " protocol's messages");
    refused("due: {minutes: 5, after", "due: {minutes: 5, hours: 1, after",
        "p.yaml: protocols[0].deadlines[0].due: one of minutes, hours or days, and one of before"
            + " or after");
    refused("period: treaty-year", "period: fortnight",
        "p.yaml: protocols[2].quotas[0].period: one of [calendar-year, treaty-year, all]");
    refused("{missed: reply}", "{missed: reply, met: reply}",
        "p.yaml: protocols[1].gates[0].when[0]: exactly one of allOf, anyOf, not, missed, met,"
            + " state, field, elapsed, quiet");
    refused("fields: {request: subject, text: longText}", "fields: {request: id, text: longText}",
        "p.yaml: protocols[1].steps[1].message: 'vd-reply' needs the field request of kind"
            + " subject");
    refused("  - id: vd\n", "  - id: escrow\n", "p.yaml: protocols[1].id: missing, duplicate,"
        + " not [a-z0-9-]+ or one of [inventory, inspections, commission, escrow, lifecycle,"
        + " ceasefire-register, talks, exchange, exchange-tally, exchange-bodies]");
  }

  @Test
  void aNotificationIsNoProtocolStep() throws Exception {
    refused("  - id: exercise-notice\n", "  - id: exercise-notice\n    effect: none\n",
        "p.yaml: protocols[2].steps[0].message: 'exercise-notice' is an inventory notification"
            + " (it has an effect)");
  }

  @Test
  void aStepOfTheAgreementsLifeIsNoProtocolStep() throws Exception {
    String step = "      - {message: exercise-notice, by: [party], opens: true, to: notified}\n";
    String text = yaml().replace("hypothetical: true\n", "hypothetical: true\nincludes:"
        + " [lifecycle]\n").replace(step, step + "      - {message: agreement-suspension, by:"
        + " [party], opens: true, to: notified}\n");
    assertThatThrownBy(() -> load(text)).hasMessage("p.yaml: protocols[2].steps[1].message:"
        + " 'agreement-suspension' is a step of the agreement's life (provision lifecycle)");
  }
}
