package dev.verity.core.talks;

import static dev.verity.core.talks.Checks.bad;
import static dev.verity.core.talks.Checks.noRound;
import static dev.verity.core.talks.Checks.refuse;
import static dev.verity.core.talks.Checks.role;
import static dev.verity.core.talks.Checks.wrong;

import dev.verity.core.agreement.Party;
import dev.verity.core.message.Fields;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Step;
import dev.verity.core.talks.Action.AnchorCapitalReport;
import dev.verity.core.talks.Action.OpenTrack;
import dev.verity.core.talks.RoundRecord.CapitalReportAnchor;
import java.util.HashSet;
import java.util.List;

/** Rounds, rosters, tracks, agenda items, sessions, outputs and capital-report anchors. */
final class RoundSteps {
  private RoundSteps() {}

  static Outcome<Talks> announce(Talks t, Step s, Round r) {
    Party role = role(t, s);
    if (!role.is(Party.MEDIATOR) && !role.is(Party.HOST)) {
      return wrong(t, "the mediator or a host announces a round");
    }
    if (r == null || r.number() < 1 || !Fields.id(r.venue()) || r.firstDay() == null
        || r.lastDay() == null || r.lastDay().isBefore(r.firstDay())) {
      return bad(t, "a round needs a number from 1, a venue and its first and last days");
    }
    boolean host = r.host() == null || t.rules().participant(r.host())
        .map(p -> p.is(Party.HOST)).orElse(false);
    if (!host) {
      return bad(t, "host: '" + r.host() + "' is not a host of these talks");
    }
    if (t.round(r.number()).isPresent()) {
      return refuse(Rule.DUPLICATE, "round " + r.number() + " was announced");
    }
    return Outcome.next(t.with(RoundRecord.announced(r, s.party())));
  }

  static Outcome<Talks> roster(Talks t, Step s, DelegationRoster r) {
    if (!TalksRules.signs(role(t, s))) {
      return wrong(t, "a host has no delegation");
    }
    if (r == null || !Fields.id(r.head()) || r.members().size() > Checks.MAX_LIST
        || !r.members().stream().allMatch(m -> m != null && Fields.id(m.name())
            && Checks.text(m.post()))) {
      return bad(t, "a roster needs a head and members with names");
    }
    return Outcome.next(t.withRoster(s.party(), new Talks.RosterEntry(s.at(), r)));
  }

  static Outcome<Talks> track(Talks t, Step s, OpenTrack o) {
    if (!TalksRules.signs(role(t, s))) {
      return wrong(t, "a delegation opens a track");
    }
    RoundRecord r = t.round(o.round()).orElse(null);
    if (r == null) {
      return noRound(t, o.round());
    }
    if (o.track() == null || !Fields.id(o.track().id()) || !Checks.text(o.track().name())) {
      return bad(t, "a track needs an id");
    }
    if (r.tracks().containsKey(o.track().id())) {
      return refuse(Rule.DUPLICATE, "track " + o.track().id() + " is open");
    }
    return Outcome.next(t.with(r.with(o.track())));
  }

  static Outcome<Talks> agenda(Talks t, Step s, AgendaItem i) {
    if (!TalksRules.signs(role(t, s))) {
      return wrong(t, "a delegation puts items on the agenda");
    }
    if (i == null || !Fields.id(i.id()) || !Checks.text(i.title())) {
      return bad(t, "an agenda item needs an id and a title");
    }
    RoundRecord r = t.round(i.round()).orElse(null);
    if (r == null) {
      return noRound(t, i.round());
    }
    if (i.track() != null && !r.tracks().containsKey(i.track())) {
      return refuse(Rule.UNKNOWN_TRACK, "no track " + i.track() + " in round "
          + i.round());
    }
    if (r.agenda().containsKey(i.id())) {
      return refuse(Rule.DUPLICATE, "agenda item " + i.id() + " exists");
    }
    return Outcome.next(t.with(r.with(i)));
  }

  static Outcome<Talks> session(Talks t, Step s, Session x) {
    if (x == null || !Fields.id(x.id()) || x.kind() == null || x.start() == null
        || x.end() == null || x.end().isBefore(x.start()) || x.end().isAfter(s.at())) {
      return bad(t, "a session needs an id, a kind, and a start and end no later than the step");
    }
    RoundRecord r = t.round(x.round()).orElse(null);
    if (r == null) {
      return noRound(t, x.round());
    }
    String why = table(t, r, x);
    if (why != null) {
      return bad(t, why);
    }
    if (r.sessions().stream().anyMatch(o -> o.id().equals(x.id()))) {
      return refuse(Rule.DUPLICATE, "session " + x.id() + " is recorded");
    }
    boolean present = x.delegations().contains(s.party()) || !role(t, s).is(Party.PARTY);
    return present ? Outcome.next(t.with(r.with(x)))
        : wrong(t, "a Party records only the sessions it attended");
  }

  /** Null when the delegations make a trilateral or bilateral table and the track exists. */
  private static String table(Talks t, RoundRecord r, Session x) {
    List<String> signatories = t.rules().signatories();
    boolean distinct = new HashSet<>(x.delegations()).size() == x.delegations().size();
    if (!distinct || x.delegations().size() < 2 || x.delegations().size() > 3
        || !signatories.containsAll(x.delegations())) {
      return "delegations: two (bilateral) or three (trilateral) distinct delegations of "
          + String.join(", ", signatories);
    }
    if (x.kind() == Session.Kind.WORKING_GROUP && !r.tracks().containsKey(x.track())) {
      return "a working-group session needs an open track, not '" + x.track() + "'";
    }
    return null;
  }

  static Outcome<Talks> output(Talks t, Step s, RoundOutput o) {
    if (o == null || o.kind() == null || !Checks.text(o.summary())) {
      return bad(t, "an output needs a round and a kind");
    }
    boolean linked = o.kind() == RoundOutput.Kind.NEXT_ROUND
        || o.kind() == RoundOutput.Kind.STATEMENT
        || Fields.id(o.agreement()) && Fields.id(o.subject());
    if (!linked) {
      return bad(t, "a " + o.kind().label() + " output names the agreement and the subject it "
          + "starts");
    }
    RoundRecord r = t.round(o.round()).orElse(null);
    return r == null ? noRound(t, o.round()) : Outcome.next(t.with(r.with(o)));
  }

  static Outcome<Talks> anchor(Talks t, Step s, AnchorCapitalReport a) {
    if (!TalksRules.signs(role(t, s))) {
      return wrong(t, "a delegation reports to its capital");
    }
    if (!Fields.sha256(a.hash())) {
      return bad(t, "a capital report is anchored by its SHA-256 hash (64 hex digits) only");
    }
    RoundRecord r = t.round(a.round()).orElse(null);
    return r == null ? noRound(t, a.round())
        : Outcome.next(t.with(r.with(new CapitalReportAnchor(s.party(), s.at(), a.hash()))));
  }
}
