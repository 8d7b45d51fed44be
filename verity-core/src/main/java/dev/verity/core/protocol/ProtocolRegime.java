package dev.verity.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Protocol;
import dev.verity.core.agreement.Protocol.Quota;
import dev.verity.core.agreement.Protocol.StepRule;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import dev.verity.core.schema.Field;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The generic protocol engine (issue 12): one declared {@link Protocol} folded as a {@link
 * Regime}. A step is checked, in this order, against: the agreement being in force on its day;
 * its subject (a new id for a step that opens one, an existing subject otherwise); the state the
 * subject is in; the sender's role; the gates on the step; the quotas that count it. The first
 * rule broken refuses the step with its kind and the rule's name ({@code protocol/rule}), and
 * nothing changes; otherwise the subject moves. Deadlines, escalations and alarms are computed
 * from the folded subjects as of an instant ({@link #obligations}), so they need no clock in the
 * fold and come out the same on every node.
 */
public final class ProtocolRegime implements Regime<ProtocolState> {
  private final Agreement agreement;
  private final Protocol protocol;
  private final Roles roles;
  private final ProtocolRules rules;
  private final Obligations obligations;
  private final Set<String> types = new LinkedHashSet<>();

  public ProtocolRegime(Agreement agreement, Protocol protocol) {
    this.agreement = agreement;
    this.protocol = protocol;
    this.roles = new Roles(agreement);
    Map<String, dev.verity.core.schema.Kind> kinds = new HashMap<>();
    for (StepRule s : protocol.steps()) {
      types.add(s.message());
      agreement.messageType(s.message()).ifPresent(m -> m.schema().fields()
          .forEach(f -> kinds.putIfAbsent(f.name(), kindOf(f))));
    }
    this.rules = new ProtocolRules(protocol, roles, kinds);
    this.obligations = new Obligations(protocol, rules, roles,
        new Recurrences(protocol, roles, agreement.entryIntoForce()));
  }

  private static dev.verity.core.schema.Kind kindOf(Field f) {
    return f.type().kind();
  }

  @Override
  public String id() {
    return protocol.id();
  }

  @Override
  public Set<String> types() {
    return Set.copyOf(types);
  }

  @Override
  public ProtocolState empty() {
    return new ProtocolState();
  }

  @Override
  public Outcome<ProtocolState> apply(ProtocolState state, Step step) {
    LocalDate day = step.at().atOffset(ZoneOffset.UTC).toLocalDate();
    if (!agreement.inForce(day)) {
      return refuse(Kind.NOT_ALLOWED, "in-force", agreement.id() + " is not in force on " + day
          + " (from " + agreement.entryIntoForce()
          + (agreement.endsOn() == null ? "" : " until " + agreement.endsOn()) + ")");
    }
    String id = subjectId(step);
    Subject s = state.subject(id).orElse(null);
    List<StepRule> candidates = protocol.steps().stream()
        .filter(r -> r.message().equals(step.type()) && r.opening() == (s == null)).toList();
    if (candidates.isEmpty()) {
      StepRule any = protocol.steps().stream().filter(r -> r.message().equals(step.type()))
          .findFirst().orElseThrow();
      return refuse(Kind.SUBJECT, any.id(), s == null ? "no " + protocol.id() + " subject '" + id
          + "'" : protocol.id() + " subject '" + id + "' is already open");
    }
    Optional<StepRule> rule = candidates.stream()
        .filter(r -> s == null || r.from().contains(s.state())).findFirst();
    if (rule.isEmpty()) {
      return refuse(Kind.WRONG_STATE, candidates.get(0).id(), step.type() + " needs '" + id
          + "' to be " + String.join(" or ", candidates.get(0).from()) + "; it is " + s.state());
    }
    return take(state, step, rule.get(), id, s);
  }

  private Outcome<ProtocolState> take(ProtocolState state, Step step, StepRule r, String id,
      Subject existing) {
    Subject s = existing != null ? existing : new Subject(id, step.party(), counterparts(step));
    if (roles.holders(r.by(), s).stream().noneMatch(step.party()::equals)) {
      return refuse(Kind.WRONG_ROLE, r.id(), step.party() + " is not " + String.join(" or ",
          r.by()) + " of '" + id + "'");
    }
    for (Protocol.Gate g : protocol.gates()) {
      if (g.step().equals(r.id())
          && !rules.holds(g.when(), existing, step.at(), step.fields(), state)) {
        return refuse(Kind.GATE, g.id(), r.id() + " is not allowed yet for '" + id
            + "' (gate " + g.id() + ")");
      }
    }
    List<String> keys = new ArrayList<>();
    for (Quota q : protocol.quotas()) {
      if (q.steps().contains(r.id())) {
        Counter c = counter(q, step);
        if (state.used(c.key()) >= q.max()) {
          return refuse(Kind.QUOTA, q.id(), "quota " + q.id() + " allows " + q.max() + " per "
              + q.period() + ", used " + (c.party() == null ? "" : "by " + c.party() + " ")
              + "in " + c.period());
        }
        keys.add(c.key());
      }
    }
    // every rule holds: now the state changes, and only now
    if (existing == null) {
      state.open(s);
    }
    s.take(new Subject.Taken(r.id(), step.entry(), step.party(), step.at()), r.to(), step.fields());
    keys.forEach(state::count);
    if (r.to() != null) {
      state.entered(r.to(), step.at());
    }
    return Outcome.next(state);
  }

  /** The subject's id: from the protocol's subject field, or the opening entry itself. */
  private String subjectId(Step step) {
    return protocol.subjectField() == null ? step.entry().toString()
        : step.fields().text(protocol.subjectField()).orElse("");
  }

  private List<String> counterparts(Step step) {
    if (protocol.counterpartField() == null) {
      return roles.defaultCounterparts(step.party());
    }
    List<String> out = new ArrayList<>();
    step.fields().get(protocol.counterpartField()).ifPresent(v -> {
      if (v.isArray()) {
        v.forEach(x -> out.add(x.asText()));
      } else {
        out.add(v.asText());
      }
    });
    return out;
  }

  /** One quota's counter: per period, and per Party unless the quota counts for all. */
  private record Counter(String quota, String period, String party) {
    String key() {
      return quota + "|" + period + (party == null ? "" : "|" + party);
    }
  }

  /**
   * The counter a step adds to: the quota, the period its time falls in (that of the quota's
   * time field, else the step's own), and the sending Party unless the quota counts for all.
   */
  private Counter counter(Quota q, Step step) {
    LocalDate day = step.at().atOffset(ZoneOffset.UTC).toLocalDate();
    if (q.time() != null) {
      Optional<JsonNode> v = step.fields().get(q.time().field());
      if (v.isPresent()) {
        String t = v.get().asText();
        day = t.length() == 10 ? LocalDate.parse(t)
            : Instant.parse(t).atOffset(ZoneOffset.UTC).toLocalDate();
      }
    }
    String period = switch (q.period()) {
      case "calendar-year" -> Integer.toString(day.getYear());
      case "treaty-year" -> treatyYear(day, MonthDay.parse("--" + q.yearStarts()));
      default -> "all";
    };
    return new Counter(q.id(), period, q.countsPerParty() ? step.party() : null);
  }

  /** The treaty year containing {@code day}, as {@code 2026-02-05..2027-02-04}. */
  private static String treatyYear(LocalDate day, MonthDay starts) {
    LocalDate s = starts.atYear(day.getYear());
    LocalDate from = day.isBefore(s) ? starts.atYear(day.getYear() - 1) : s;
    return from + ".." + from.plusYears(1).minusDays(1);
  }

  private Outcome<ProtocolState> refuse(Kind kind, String rule, String reason) {
    return Outcome.refused(new Refusal(kind, protocol.id() + "/" + rule, reason));
  }

  @Override
  public List<Obligation> obligations(ProtocolState state, Instant asOf) {
    return obligations.at(state, asOf);
  }

  /** The subjects with their timelines, and the quotas used by counter. */
  public record View(List<SubjectView> subjects, Map<String, Integer> quotasUsed) {}

  /** A subject: its id, state, who opened it, whom it is addressed to, its accepted steps. */
  public record SubjectView(String id, String state, String initiator, List<String> counterparts,
      List<Subject.Taken> steps) {}

  @Override
  public Object view(ProtocolState state) {
    return new View(state.subjects().stream().map(s -> new SubjectView(s.id(), s.state(),
        s.initiator(), s.counterparts(), s.steps())).toList(), state.used());
  }
}
