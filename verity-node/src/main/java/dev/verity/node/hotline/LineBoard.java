package dev.verity.node.hotline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Obligation.Kind;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Step;
import dev.verity.node.projection.Owed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The military line as one node shows it (issue 14): every message with its three states kept
 * apart — the technical receipt (the peer's cosignature of the entry, automatic), the
 * acknowledgement (a duty officer read it, named by the node) and the reply (linked to the
 * message it answers) — besides a refusal and a recorded "no answer", each a signed entry, and
 * the escalation timeline the agreement's ladder sets off (the core's obligations, judged on the
 * node's clock). A pure function of the line's steps, their receipts and the obligations, so
 * both nodes show the same board.
 */
final class LineBoard {
  /** The line's message types, as us-ru-military-line.yaml names them. */
  static final String MESSAGE = "line-message";
  static final String ACK = "line-ack";
  static final String REPLY = "line-reply";
  static final String DECLINE = "line-decline";
  static final String NO_ANSWER = "line-no-answer";
  static final String TRANSLATION = "line-translation";
  static final Set<String> TYPES = Set.of(MESSAGE, ACK, REPLY, DECLINE, NO_ANSWER, TRANSLATION);
  /** The protocol of us-ru-military-line.yaml whose subjects are the messages. */
  static final String PROTOCOL = "line";

  private LineBoard() {}

  /** One signed step about a message: who sent it, when, the officer named in it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Answer(EntryRef entry, Instant at, String officer, Instant receiptedAt, String text,
      String language) {}

  /** A translation, beside the original (which stays authoritative). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Translation(EntryRef entry, String into, String translation, String method,
      String translator, Instant at) {}

  /** One point of the escalation timeline: a rung, an alarm, or a deadline. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Point(Kind kind, String type, String party, Instant due, Status status, Integer round,
      List<String> notifies) {}

  /** A message on the line, its three states and its escalation. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Message(String id, String from, String to, String priority, String subject, String text,
      String language, String officer, Instant sentAt, EntryRef entry, String state,
      Instant receiptedAt, Answer acknowledgement, Answer reply, Answer declined,
      Answer noAnswer, List<Translation> translations, Instant acknowledgeBy,
      Status ackStatus, Instant replyBy, Status replyStatus, List<Point> timeline,
      boolean alarm, boolean alert) {}

  /** The board: the Party this node speaks for, when it was judged, the messages newest first. */
  record Board(String self, Instant asOf, List<Message> messages) {
    /** The message {@code id}, if the line has it. */
    Optional<Message> message(String id) {
      return messages.stream().filter(m -> m.id().equals(id)).findFirst();
    }
  }

  /**
   * The board as of {@code asOf}: {@code steps} are the line's accepted steps in order, {@code
   * receipts} the technical receipt of an entry, {@code owed} the line's obligations, {@code
   * ladders} each ack deadline's rung levels ({@code notifies}) by rung id.
   */
  static Board of(String self, Instant asOf, List<Step> steps,
      Function<EntryRef, Optional<Instant>> receipts, List<Owed> owed,
      Map<String, List<String>> ladders) {
    Map<String, Builder> byId = new LinkedHashMap<>();
    for (Step s : steps) {
      if (s.at().isAfter(asOf)) {
        continue;
      }
      String id = s.fields().text("message").orElse(null);
      if (s.type().equals(MESSAGE)) {
        byId.putIfAbsent(id, new Builder(s, receipts));
      } else if (byId.containsKey(id)) {
        byId.get(id).add(s, receipts);
      }
    }
    for (Owed o : owed) {
      Builder b = o.regime().equals(PROTOCOL) ? byId.get(o.subject()) : null;
      if (b != null) {
        b.owed(o, ladders);
      }
    }
    List<Message> out = new ArrayList<>();
    byId.values().forEach(b -> out.add(0, b.build(self)));
    return new Board(self, asOf, out);
  }

  /** Gathers one message's steps and obligations. */
  private static final class Builder {
    final Step sent;
    final Instant receipted;
    Answer ack;
    Answer reply;
    Answer declined;
    Answer noAnswer;
    String state = "sent";
    final List<Translation> translations = new ArrayList<>();
    final List<Point> timeline = new ArrayList<>();
    Owed ackDeadline;
    Owed replyDeadline;
    boolean alarm;

    Builder(Step sent, Function<EntryRef, Optional<Instant>> receipts) {
      this.sent = sent;
      this.receipted = receipts.apply(sent.entry()).orElse(null);
    }

    void add(Step s, Function<EntryRef, Optional<Instant>> receipts) {
      var f = s.fields();
      Answer a = new Answer(s.entry(), s.at(), f.text("officer").orElse(null),
          receipts.apply(s.entry()).orElse(null),
          f.text(s.type().equals(REPLY) ? "reply" : "reason").orElse(null),
          f.text("language").orElse(null));
      switch (s.type()) {
        case ACK -> { ack = ack == null ? a : ack; state = "acknowledged"; }
        case REPLY -> { reply = reply == null ? a : reply; state = "replied"; }
        case DECLINE -> { declined = declined == null ? a : declined; state = "declined"; }
        case NO_ANSWER -> { noAnswer = noAnswer == null ? a : noAnswer; state = "no-answer"; }
        default -> translations.add(new Translation(s.entry(), f.text("into").orElse(null),
            f.text("translation").orElse(null), f.text("method").orElse(null),
            f.text("translator").orElse(null), s.at()));
      }
    }

    void owed(Owed o, Map<String, List<String>> ladders) {
      if (o.kind() == Kind.DEADLINE && o.type().startsWith("ack-")) {
        ackDeadline = o;
      } else if (o.kind() == Kind.DEADLINE && o.type().startsWith("reply-")) {
        replyDeadline = o;
      }
      if (o.kind() == Kind.ALARM && o.status() == Status.DUE) {
        alarm = true;
      }
      if (o.kind() != Kind.DEADLINE || o.type().startsWith("ack-")) {
        timeline.add(new Point(o.kind(), o.type(), o.party(), o.due(), o.status(),
            o.escalation() == null ? null : o.escalation().round(),
            o.kind() == Kind.ESCALATION ? ladders.getOrDefault(o.type(), List.of()) : null));
      }
    }

    Message build(String self) {
      var f = sent.fields();
      String to = f.text("to").orElse(null);
      String priority = f.text("priority").orElse(null);
      boolean open = state.equals("sent") || state.equals("no-answer");
      // a flash message to this node's Party, not yet answered: the dashboard's alert
      boolean alert = self.equals(to) && "flash".equals(priority) && open;
      return new Message(f.text("message").orElse(null), sent.party(), to, priority,
          f.text("subject").orElse(null), f.text("text").orElse(null),
          f.text("language").orElse(null), f.text("officer").orElse(null), sent.at(),
          sent.entry(), state, receipted, ack, reply, declined, noAnswer,
          List.copyOf(translations), ackDeadline == null ? null : ackDeadline.due(),
          ackDeadline == null ? null : ackDeadline.status(),
          replyDeadline == null ? null : replyDeadline.due(),
          replyDeadline == null ? null : replyDeadline.status(), List.copyOf(timeline), alarm,
          alert);
    }
  }
}
