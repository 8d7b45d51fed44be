package dev.verity.node.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Obligation.Kind;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Step;
import dev.verity.core.replay.Evaluator;
import dev.verity.node.hotline.LineBoard.Board;
import dev.verity.node.hotline.LineBoard.Message;
import dev.verity.node.projection.Owed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The line's board from the core's own evaluator: the three states of a message kept apart
 * (receipt, acknowledgement, reply), refusals and "no answer" as their own states, translations
 * beside the original, and the escalation timeline from the core's obligations.
 */
class LineBoardTest {
  static final Instant T = Instant.parse("2026-03-14T07:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  final Agreement line;
  final Evaluator evaluator;
  final List<Step> steps = new ArrayList<>();
  final Map<EntryRef, Instant> receipts = new HashMap<>();
  final Map<String, Long> next = new HashMap<>();

  LineBoardTest() throws Exception {
    line = AgreementCatalog.get("us-ru-military-line");
    evaluator = Evaluator.of(line);
  }

  LineBoardTest step(long minutes, String party, String type, String fields) throws Exception {
    long index = next.merge(party, 1L, Long::sum) - 1;
    Evaluator.Checked c = evaluator.check(new EntryRef(party, index), min(minutes), type,
        JSON.readTree(fields.replace('\'', '"')));
    assertThat(c.refusal()).as(type).isNull();
    steps.add(c.step());
    // the peer cosigns within seconds
    receipts.put(c.step().entry(), min(minutes).plusSeconds(2));
    return this;
  }

  static Instant min(long m) {
    return T.plus(Duration.ofMinutes(m));
  }

  Board board(String self, long minutes) {
    evaluator.fold(steps);
    List<Owed> owed = evaluator.obligations(min(minutes)).stream().map(Owed::of).toList();
    return LineBoard.of(self, min(minutes), steps, e -> Optional.ofNullable(receipts.get(e)),
        owed, Hotline.ladders(line.protocols()));
  }

  LineBoardTest flash(String id, long minutes) throws Exception {
    return step(minutes, "US", "line-message", "{'message': '" + id + "', 'to': 'RU',"
        + " 'priority': 'flash', 'text': 'Break off.', 'language': 'en', 'officer': 'jreyes'}");
  }

  @Test
  void receiptAcknowledgementAndReplyAreThreeStatesApart() throws Exception {
    flash("F-1", 0).step(3, "RU", "line-ack", "{'message': 'F-1', 'officer': 'iorlov'}")
        .step(20, "RU", "line-reply", "{'message': 'F-1', 'reply': 'Отозваны.',"
            + " 'language': 'ru', 'officer': 'kvolkov'}")
        .step(21, "US", "line-translation", "{'message': 'F-1', 'into': 'en',"
            + " 'translation': 'Recalled.', 'method': 'human', 'translator': 'jreyes'}");
    Message m = board("RU", 30).message("F-1").orElseThrow();
    assertThat(m.receiptedAt()).isEqualTo(min(0).plusSeconds(2));
    assertThat(m.acknowledgement().officer()).isEqualTo("iorlov");
    assertThat(m.acknowledgement().at()).isEqualTo(min(3));
    assertThat(m.reply().officer()).isEqualTo("kvolkov");
    assertThat(m.reply().text()).isEqualTo("Отозваны.");
    assertThat(m.reply().entry()).isEqualTo(new EntryRef("RU", 1));
    assertThat(m.state()).isEqualTo("replied");
    assertThat(m.ackStatus()).isEqualTo(Status.MET);
    assertThat(m.replyStatus()).isEqualTo(Status.MET);
    assertThat(m.translations()).extracting(LineBoard.Translation::translation,
        LineBoard.Translation::translator).containsExactly(tuple("Recalled.", "jreyes"));
    assertThat(m.timeline()).extracting(LineBoard.Point::kind).containsExactly(Kind.DEADLINE);
    assertThat(m.alert()).isFalse();
    // before the acknowledgement: only the receipt, and the alert on the receiving side only
    Message early = board("RU", 2).message("F-1").orElseThrow();
    assertThat(early.acknowledgement()).isNull();
    assertThat(early.reply()).isNull();
    assertThat(early.receiptedAt()).isNotNull();
    assertThat(early.alert()).isTrue();
    assertThat(board("US", 2).message("F-1").orElseThrow().alert()).isFalse();
  }

  @Test
  void theTimelineIsTheLadderAndAnAcknowledgementStopsIt() throws Exception {
    flash("F-2", 0).step(12, "RU", "line-ack", "{'message': 'F-2', 'officer': 'iorlov'}");
    Message m = board("US", 120).message("F-2").orElseThrow();
    assertThat(m.timeline()).extracting(LineBoard.Point::kind, LineBoard.Point::type,
        LineBoard.Point::due, LineBoard.Point::status, LineBoard.Point::notifies)
        .containsExactly(
            tuple(Kind.DEADLINE, "ack-flash", min(5), Status.LATE, null),
            tuple(Kind.ESCALATION, "duty-officer", min(5), Status.DUE,
                List.of("duty-officer")),
            tuple(Kind.ESCALATION, "watch-commander", min(10), Status.DUE,
                List.of("duty-officer", "watch-commander")));
    assertThat(m.alarm()).isFalse();
  }

  @Test
  void declinedAndNoAnswerAreTheirOwnStates() throws Exception {
    flash("F-3", 0).step(2, "RU", "line-decline", "{'message': 'F-3', 'reason': 'not for this"
        + " line', 'officer': 'iorlov'}");
    flash("F-4", 0).step(6, "US", "line-no-answer", "{'message': 'F-4', 'officer': 'jreyes'}");
    Board b = board("RU", 7);
    Message declined = b.message("F-3").orElseThrow();
    assertThat(declined.state()).isEqualTo("declined");
    assertThat(declined.declined().text()).isEqualTo("not for this line");
    assertThat(declined.replyStatus()).isNull(); // a refusal owes no reply
    assertThat(declined.alert()).isFalse();
    Message none = b.message("F-4").orElseThrow();
    assertThat(none.state()).isEqualTo("no-answer");
    assertThat(none.noAnswer().officer()).isEqualTo("jreyes");
    assertThat(none.alert()).as("still unanswered").isTrue();
    // newest first
    assertThat(b.messages()).extracting(Message::id).containsExactly("F-4", "F-3");
  }
}
