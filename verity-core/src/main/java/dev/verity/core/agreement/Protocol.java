package dev.verity.core.agreement;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A procedure declared as data (issue 12, {@code protocols:} in the agreement file), interpreted
 * by one generic engine ({@code dev.verity.core.protocol}): subjects (a call, a claim, an
 * exchange) move between {@code states} by {@code steps}, each taken by a role; {@code deadlines}
 * say what is owed by when and what a missed one sets off; {@code quotas} cap steps per period;
 * {@code gates} allow a step only once a condition holds; {@code recurring} deadlines are owed
 * every period by each participant in a role (a line test every hour). The schema is in
 * docs/formats/agreement.md, "Protocols".
 *
 * @param subjectField the message field that names the subject (an {@code id} in a step that
 *     opens one, a {@code subject} reference in the others); absent when every step opens its own
 *     subject, which is then named by its entry ({@code US#3})
 * @param counterpartField a {@code party} field of the opening message naming who the subject is
 *     addressed to; absent: every other participant with the role {@code party}
 * @param provision the shared provision the protocol comes from, null if the agreement's own
 */
public record Protocol(String id, String title, String subjectField, String counterpartField,
    List<String> states, List<StepRule> steps, List<DeadlineRule> deadlines, List<Quota> quotas,
    List<Gate> gates, String source, String provision, List<Recurring> recurring) {

  public List<String> states() {
    return states == null ? List.of() : states;
  }

  public List<StepRule> steps() {
    return steps == null ? List.of() : steps;
  }

  public List<DeadlineRule> deadlines() {
    return deadlines == null ? List.of() : deadlines;
  }

  public List<Quota> quotas() {
    return quotas == null ? List.of() : quotas;
  }

  public List<Gate> gates() {
    return gates == null ? List.of() : gates;
  }

  public List<Recurring> recurring() {
    return recurring == null ? List.of() : recurring;
  }

  /**
   * A deadline owed again every period, by each participant holding one of the roles {@code by}
   * (participant roles: there is no subject): in each period of length {@code every}, counted
   * from the agreement's entry into force at 00:00 UTC, one of the steps {@code met}, due
   * {@code within} after the period starts (absent: by its end). A step later in the period is
   * late; none is missing. The obligations listed are those of the periods that started in the
   * {@code keep} before the instant judged (default 7 days), so that a long-lived line does not
   * list every hour of its life.
   */
  public record Recurring(String id, List<String> met, List<String> by, Span every, Span within,
      Span keep) {
    /** A week: the longest window the line's availability is computed over. */
    public static final Span WEEK = new Span(null, null, 7);

    public List<String> met() {
      return met == null ? List.of() : met;
    }

    public List<String> by() {
      return by == null ? List.of() : by;
    }

    /** How long after a period starts its step is due. */
    public Duration dueAfter() {
      return within == null ? every.duration() : within.duration();
    }

    public Span keep() {
      return keep == null ? WEEK : keep;
    }
  }

  /**
   * A step: a message of type {@code message}, sent by one of the roles {@code by}, either opening
   * a new subject ({@code opens}) or moving one from one of the states {@code from} to {@code to}
   * (absent: it stays). Its id defaults to the message type.
   */
  public record StepRule(String id, String message, List<String> by, Boolean opens,
      List<String> from, String to) {
    public String id() {
      return id == null ? message : id;
    }

    public List<String> by() {
      return by == null ? List.of() : by;
    }

    public boolean opening() {
      return Boolean.TRUE.equals(opens);
    }

    public List<String> from() {
      return from == null ? List.of() : from;
    }
  }

  /**
   * Something a subject's participants owe: one of the steps {@code met}, from each party in the
   * roles {@code by}, by the time {@code due} says; only for subjects where {@code when} holds;
   * void once one of the steps {@code cancelledBy} is taken first. {@code onMissed} says what a
   * missed deadline sets off (nothing more than the obligation going missing, by default).
   */
  public record DeadlineRule(String id, List<String> met, List<String> by, Due due, Guard when,
      List<String> cancelledBy, Missed onMissed) {
    public List<String> met() {
      return met == null ? List.of() : met;
    }

    public List<String> by() {
      return by == null ? List.of() : by;
    }

    public List<String> cancelledBy() {
      return cancelledBy == null ? List.of() : cancelledBy;
    }
  }

  /** A length of time in minutes, hours or days (exactly one of them). */
  public record Span(Integer minutes, Integer hours, Integer days) {
    public Duration duration() {
      return minutes != null ? Duration.ofMinutes(minutes) : hours != null
          ? Duration.ofHours(hours) : Duration.ofDays(days == null ? 0 : days);
    }

    /** Whether exactly one unit is given, and not negative. */
    public boolean valid() {
      int given = (minutes != null ? 1 : 0) + (hours != null ? 1 : 0) + (days != null ? 1 : 0);
      return given == 1 && !duration().isNegative();
    }
  }

  /**
   * When a deadline falls: {@code minutes}, {@code hours} or {@code days} {@code before} or
   * {@code after} a reference (exactly one of each).
   */
  public record Due(Integer minutes, Integer hours, Integer days, Ref before, Ref after) {
    public Span span() {
      return new Span(minutes, hours, days);
    }

    public Ref ref() {
      return before != null ? before : after;
    }
  }

  /**
   * A time in a subject's history: when its step {@code step} was first taken, or the value of its
   * instant or date field {@code field} (exactly one of them).
   */
  public record Ref(String step, String field) {}

  /**
   * What a missed deadline sets off besides the obligation going missing: an {@code alarm} at
   * once, or an {@code escalate} ladder.
   */
  public record Missed(Boolean alarm, Ladder escalate) {
    public boolean alarms() {
      return Boolean.TRUE.equals(alarm);
    }
  }

  /**
   * An escalation ladder, after the on-call tools (GoAlert's escalation policies): the rungs in
   * order, each set off {@code delay} after the one before (the first at the missed deadline),
   * the whole ladder climbed again {@code repeat} more times, then an {@code alarm} if asked,
   * raised for the roles {@code alarmTo} (default: whoever owed the deadline; the military line
   * raises it on both sides). Meeting the deadline (an acknowledgement) stops it.
   */
  public record Ladder(List<Rung> steps, Integer repeat, Boolean alarm, List<String> alarmTo) {
    public List<Rung> steps() {
      return steps == null ? List.of() : steps;
    }

    public List<String> alarmTo() {
      return alarmTo == null ? List.of() : alarmTo;
    }

    /** The rung {@code id}, if the ladder has it. */
    public Optional<Rung> rung(String id) {
      return steps().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public int repeats() {
      return repeat == null ? 0 : repeat;
    }

    public boolean alarms() {
      return Boolean.TRUE.equals(alarm);
    }
  }

  /**
   * One rung of a ladder: its id, who must act (roles; default: whoever owed the deadline), the
   * protocol step that answers it if there is one, how long after the previous rung it comes,
   * and the circle of the acting Party's duty roster it notifies ({@code notifies}: levels such as
   * {@code duty-officer}, {@code watch-commander}, {@code senior-leadership}; the node maps each
   * level to the people on duty for it).
   */
  public record Rung(String id, List<String> by, String step, Span delay, List<String> notifies) {
    public List<String> by() {
      return by == null ? List.of() : by;
    }

    public List<String> notifies() {
      return notifies == null ? List.of() : notifies;
    }
  }

  /**
   * At most {@code max} of the {@code steps} per {@code period} ({@code calendar-year}, {@code
   * treaty-year} from {@code yearStarts} "MM-DD", or {@code all}), counted per sending Party unless
   * {@code perParty} is false; the period is that of the step's time, or of {@code time} (a
   * field) when given.
   */
  public record Quota(String id, List<String> steps, Integer max, String period,
      String yearStarts, Ref time, Boolean perParty) {
    public List<String> steps() {
      return steps == null ? List.of() : steps;
    }

    public boolean countsPerParty() {
      return !Boolean.FALSE.equals(perParty);
    }
  }

  /** Step {@code step} is allowed only when {@code when} holds. */
  public record Gate(String id, String step, Guard when) {}

  /**
   * A condition on a subject, at the time of a step. Exactly one of: {@code allOf}, {@code anyOf},
   * {@code not}; {@code missed} or {@code met} (a deadline of the subject); {@code state} (the
   * subject is in one of these states); {@code field} with {@code in} (the subject's latest value
   * of the field is one of these); {@code elapsed} since the step {@code since} (default: since
   * the subject opened); {@code quiet}: no subject of the protocol entered state {@code to} within
   * that long.
   */
  public record Guard(List<Guard> allOf, List<Guard> anyOf, Guard not, String missed, String met,
      List<String> state, String field, List<String> in, Span elapsed, String since, Span quiet,
      String to) {}
}
