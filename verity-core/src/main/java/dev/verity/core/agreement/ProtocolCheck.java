package dev.verity.core.agreement;

import dev.verity.core.agreement.Protocol.DeadlineRule;
import dev.verity.core.agreement.Protocol.Guard;
import dev.verity.core.agreement.Protocol.Ladder;
import dev.verity.core.agreement.Protocol.Quota;
import dev.verity.core.agreement.Protocol.Ref;
import dev.verity.core.agreement.Protocol.StepRule;
import dev.verity.core.schema.Field;
import dev.verity.core.schema.Kind;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks the {@code protocols:} of an agreement when it is loaded, so that the engine never meets
 * a reference to nothing: every step's message type exists and belongs to one protocol only,
 * every state, step, deadline, field and role named exists, every time span has one unit.
 * Problems name the file and the path, like every other agreement error.
 */
final class ProtocolCheck {
  /** Roles relative to a subject (docs/formats/agreement.md, "Roles"). */
  static final Set<String> RELATIONAL = Set.of("initiator", "counterpart", "others", "any");
  /** Roles a participant may have in an agreement (docs/ARCHITECTURE: participants with roles). */
  static final Set<String> PARTICIPANT =
      Set.of("party", "mediator", "monitor", "observer", "neutral-intermediary");
  /** Regimes that are code; a protocol may not take their ids. */
  static final List<String> RESERVED = Stream.concat(
      Stream.of("inventory", "inspections", "commission", "escrow", "lifecycle"),
      MessageType.REGIMES.stream()).toList();
  static final List<String> PERIODS = List.of("calendar-year", "treaty-year", "all");
  static final int MAX_REPEAT = 10;
  /** Most periods of a recurring deadline listed at once (a week of minutes). */
  static final long MAX_PERIODS = 10_080;

  private final String src;
  private final Agreement agreement;
  private final Set<String> roles = new HashSet<>();

  private ProtocolCheck(String src, Agreement agreement) {
    this.src = src;
    this.agreement = agreement;
    roles.addAll(RELATIONAL);
    roles.addAll(PARTICIPANT);
    agreement.parties().stream().map(Party::role).filter(r -> r != null).forEach(roles::add);
  }

  static void validate(String src, Agreement a) throws AgreementException {
    new ProtocolCheck(src, a).all();
  }

  private void all() throws AgreementException {
    Set<String> ids = new HashSet<>();
    Map<String, String> owner = new HashMap<>();
    List<Protocol> ps = agreement.protocols();
    for (int i = 0; i < ps.size(); i++) {
      Protocol p = ps.get(i);
      String at = "protocols[" + i + "]";
      need(at + ".id", p.id() != null && p.id().matches("[a-z0-9-]+") && ids.add(p.id())
          && !RESERVED.contains(p.id()), "missing, duplicate, not [a-z0-9-]+ or one of "
          + RESERVED);
      need(at + ".states", !p.states().isEmpty()
          && new HashSet<>(p.states()).size() == p.states().size(), "a list of distinct states");
      protocol(at, p, owner);
    }
  }

  private void protocol(String at, Protocol p, Map<String, String> owner)
      throws AgreementException {
    need(at + ".steps", !p.steps().isEmpty(), "at least one step");
    Set<String> rules = new HashSet<>();
    for (int j = 0; j < p.steps().size(); j++) {
      step(at + ".steps[" + j + "]", p, p.steps().get(j), owner, rules);
    }
    for (int j = 0; j < p.deadlines().size(); j++) {
      deadline(at + ".deadlines[" + j + "]", p, p.deadlines().get(j), rules);
    }
    for (int j = 0; j < p.quotas().size(); j++) {
      quota(at + ".quotas[" + j + "]", p, p.quotas().get(j), rules);
    }
    for (int j = 0; j < p.recurring().size(); j++) {
      recurring(at + ".recurring[" + j + "]", p, p.recurring().get(j), rules);
    }
    for (int j = 0; j < p.gates().size(); j++) {
      var g = p.gates().get(j);
      String gat = at + ".gates[" + j + "]";
      need(gat + ".id", g.id() != null && rules.add(g.id()), "missing or already a rule's id");
      need(gat + ".step", step(p, g.step()).isPresent(), "unknown step '" + g.step() + "'");
      guard(gat + ".when", p, g.when());
    }
    if (p.counterpartField() != null) {
      for (StepRule s : p.steps()) {
        need(at + ".counterpartField", !s.opening() || kind(s.message(), p.counterpartField())
            == Kind.PARTY, "must be a party field of the opening message " + s.message());
      }
    }
  }

  private void step(String at, Protocol p, StepRule s, Map<String, String> owner,
      Set<String> rules) throws AgreementException {
    Optional<MessageType> m = agreement.messageType(s.message());
    need(at + ".message", m.isPresent(), "unknown message type '" + s.message() + "'");
    need(at + ".message", !m.get().notification(), "'" + s.message()
        + "' is an inventory notification (it has an effect)");
    need(at + ".message", !"lifecycle".equals(m.get().provision()), "'" + s.message()
        + "' is a step of the agreement's life (provision lifecycle)");
    String other = owner.putIfAbsent(s.message(), p.id());
    need(at + ".message", other == null || other.equals(p.id()), "'" + s.message()
        + "' is already a step of protocol " + other);
    need(at + ".id", rules.add(s.id()), "duplicate step id '" + s.id()
        + "' (steps of one message type need ids of their own)");
    need(at + ".by", !s.by().isEmpty(), "at least one role");
    roles(at + ".by", s.by());
    need(at + ".from", s.opening() != !s.from().isEmpty(), "either opens: true or from: [states]");
    for (String f : s.from()) {
      need(at + ".from", p.states().contains(f), "unknown state '" + f + "'");
    }
    need(at + ".to", s.to() == null ? !s.opening() : p.states().contains(s.to()),
        s.to() == null ? "an opening step needs to: a state" : "unknown state '" + s.to() + "'");
    if (p.subjectField() == null) {
      need(at + ".opens", s.opening(), "without subjectField every step opens its own subject");
    } else {
      Kind k = kind(s.message(), p.subjectField());
      need(at + ".message", s.opening() ? k == Kind.ID : k == Kind.SUBJECT, "'" + s.message()
          + "' needs the field " + p.subjectField() + " of kind "
          + (s.opening() ? "id" : "subject"));
    }
  }

  private void deadline(String at, Protocol p, DeadlineRule d, Set<String> rules)
      throws AgreementException {
    need(at + ".id", d.id() != null && rules.add(d.id()), "missing or already a rule's id");
    need(at + ".met", !d.met().isEmpty(), "at least one step that meets it");
    for (String s : d.met()) {
      need(at + ".met", step(p, s).isPresent(), "unknown step '" + s + "'");
    }
    for (String s : d.cancelledBy()) {
      need(at + ".cancelledBy", step(p, s).isPresent(), "unknown step '" + s + "'");
    }
    need(at + ".by", !d.by().isEmpty(), "at least one role");
    roles(at + ".by", d.by());
    need(at + ".due", d.due() != null && d.due().span().valid()
        && (d.due().before() == null) != (d.due().after() == null),
        "one of minutes, hours or days, and one of before or after");
    ref(at + ".due", p, d.due().ref());
    guard(at + ".when", p, d.when());
    if (d.onMissed() != null && d.onMissed().escalate() != null) {
      ladder(at + ".onMissed.escalate", p, d.onMissed().escalate());
    }
  }

  private void ladder(String at, Protocol p, Ladder l) throws AgreementException {
    need(at + ".steps", !l.steps().isEmpty(), "at least one rung");
    need(at + ".repeat", l.repeats() >= 0 && l.repeats() <= MAX_REPEAT, "0 to " + MAX_REPEAT);
    roles(at + ".alarmTo", l.alarmTo());
    Set<String> ids = new HashSet<>();
    for (int k = 0; k < l.steps().size(); k++) {
      var r = l.steps().get(k);
      String rat = at + ".steps[" + k + "]";
      need(rat + ".id", r.id() != null && ids.add(r.id()), "missing or duplicate");
      need(rat + ".delay", r.delay() == null || r.delay().valid(), "one of minutes, hours or days");
      need(rat + ".step", r.step() == null || step(p, r.step()).isPresent(), "unknown step '"
          + r.step() + "'");
      roles(rat + ".by", r.by());
      for (String level : r.notifies()) {
        need(rat + ".notifies", level != null && level.matches("[a-z0-9-]+"),
            "levels of the duty roster, [a-z0-9-]+");
      }
    }
  }

  private void recurring(String at, Protocol p, Protocol.Recurring r, Set<String> rules)
      throws AgreementException {
    need(at + ".id", r.id() != null && rules.add(r.id()), "missing or already a rule's id");
    need(at + ".met", !r.met().isEmpty(), "at least one step that meets it");
    for (String s : r.met()) {
      need(at + ".met", step(p, s).isPresent(), "unknown step '" + s + "'");
    }
    need(at + ".by", !r.by().isEmpty() && r.by().stream().noneMatch(RELATIONAL::contains),
        "at least one participant role (a recurring deadline has no subject)");
    roles(at + ".by", r.by());
    need(at + ".every", r.every() != null && r.every().valid()
        && r.every().duration().toMinutes() >= 1, "one of minutes, hours or days, at least a"
        + " minute");
    need(at + ".within", r.within() == null || (r.within().valid()
        && r.within().duration().compareTo(r.every().duration()) <= 0),
        "one unit, no longer than every");
    need(at + ".keep", r.keep().valid() && r.keep().duration().dividedBy(r.every().duration())
        <= MAX_PERIODS, "one of minutes, hours or days, and at most " + MAX_PERIODS
        + " periods");
  }

  private void quota(String at, Protocol p, Quota q, Set<String> rules) throws AgreementException {
    need(at + ".id", q.id() != null && rules.add(q.id()), "missing or already a rule's id");
    need(at + ".steps", !q.steps().isEmpty(), "at least one step");
    for (String s : q.steps()) {
      need(at + ".steps", step(p, s).isPresent(), "unknown step '" + s + "'");
    }
    need(at + ".max", q.max() != null && q.max() >= 1, "at least 1");
    need(at + ".period", PERIODS.contains(q.period()), "one of " + PERIODS);
    need(at + ".yearStarts", "treaty-year".equals(q.period()) == (q.yearStarts() != null)
        && (q.yearStarts() == null || monthDay(q.yearStarts())),
        "a month and day \"MM-DD\" for a treaty-year period, and only then");
    if (q.time() != null) {
      need(at + ".time", q.time().step() == null, "a field of the counted steps, not a step");
      for (String s : q.steps()) {
        Kind k = kind(step(p, s).get().message(), q.time().field());
        need(at + ".time.field", k == Kind.DATE || k == Kind.INSTANT, "'" + q.time().field()
            + "' must be a date or instant field of every counted step");
      }
    }
  }

  private void ref(String at, Protocol p, Ref r) throws AgreementException {
    need(at, (r.step() == null) != (r.field() == null), "a reference names a step or a field");
    if (r.step() != null) {
      need(at + ".step", step(p, r.step()).isPresent(), "unknown step '" + r.step() + "'");
    } else {
      need(at + ".field", p.steps().stream().map(s -> kind(s.message(), r.field()))
          .anyMatch(k -> k == Kind.DATE || k == Kind.INSTANT), "'" + r.field()
          + "' is no date or instant field of the protocol's messages");
    }
  }

  private void guard(String at, Protocol p, Guard g) throws AgreementException {
    if (g == null) {
      return;
    }
    int forms = count(g.allOf(), g.anyOf(), g.not(), g.missed(), g.met(), g.state(), g.field(),
        g.elapsed(), g.quiet());
    need(at, forms == 1, "exactly one of allOf, anyOf, not, missed, met, state, field, elapsed,"
        + " quiet");
    for (List<Guard> gs : Arrays.asList(g.allOf(), g.anyOf())) {
      for (int i = 0; gs != null && i < gs.size(); i++) {
        guard(at + "[" + i + "]", p, gs.get(i));
      }
    }
    guard(at + ".not", p, g.not());
    for (String d : Arrays.asList(g.missed(), g.met())) {
      need(at, d == null || p.deadlines().stream().anyMatch(x -> d.equals(x.id())),
          "unknown deadline '" + d + "'");
    }
    if (g.state() != null) {
      need(at + ".state", p.states().containsAll(g.state()), "unknown state in " + g.state());
    }
    if (g.field() != null) {
      need(at + ".in", g.in() != null && !g.in().isEmpty(), "the values the field may have");
      need(at + ".field", p.steps().stream().anyMatch(s -> kind(s.message(), g.field()) != null),
          "'" + g.field() + "' is no field of the protocol's messages");
    }
    need(at + ".elapsed", g.elapsed() == null || g.elapsed().valid(), "one unit");
    need(at + ".since", g.since() == null || step(p, g.since()).isPresent(), "unknown step");
    need(at + ".quiet", g.quiet() == null || (g.quiet().valid() && p.states().contains(g.to())),
        "one unit, and to: a state");
  }

  private static int count(Object... xs) {
    int n = 0;
    for (Object x : xs) {
      n += x == null ? 0 : 1;
    }
    return n;
  }

  private static boolean monthDay(String s) {
    try {
      MonthDay.parse("--" + s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static Optional<StepRule> step(Protocol p, String id) {
    return p.steps().stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The kind of {@code field} in message type {@code type}, null if it has none. */
  private Kind kind(String type, String field) {
    return agreement.messageType(type).flatMap(m -> m.schema().field(field)).map(Field::type)
        .map(t -> t.kind()).orElse(null);
  }

  private void roles(String at, List<String> given) throws AgreementException {
    for (String r : given) {
      need(at, roles.contains(r), "unknown role '" + r + "' (one of " + new TreeSet<>(roles) + ")");
    }
  }

  private void need(String at, boolean ok, String what) throws AgreementException {
    if (!ok) {
      throw new AgreementException(src + ": " + at + ": " + what);
    }
  }
}
