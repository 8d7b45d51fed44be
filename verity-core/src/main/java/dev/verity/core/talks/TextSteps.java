package dev.verity.core.talks;

import static dev.verity.core.talks.Checks.bad;
import static dev.verity.core.talks.Checks.refuse;
import static dev.verity.core.talks.Checks.role;
import static dev.verity.core.talks.Checks.wrong;

import dev.verity.core.message.Fields;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Step;
import dev.verity.core.talks.Action.Initial;
import dev.verity.core.talks.Action.Sign;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Texts: versions with redlines, initials and signatures. The agreed-text rule (decisions, "a
 * text is agreed when every signed entry names the same hash"): a mark names a text and a hash; a
 * hash that is no version of the text is refused (there is nothing with that wording to sign); a
 * mark on another version than the others' is accepted and shown as a divergence, since each
 * delegation's entry is its own word; a signature needs the wording initialled by every
 * signatory; once every signatory's latest signature names one hash the text is agreed and takes
 * nothing more.
 */
final class TextSteps {
  private TextSteps() {}

  static Outcome<Talks> submit(Talks t, Step s, TextSubmission x) {
    if (!TalksRules.signs(role(t, s))) {
      return wrong(t, "a delegation submits texts");
    }
    String why = shape(t, x);
    if (why != null) {
      return bad(t, why);
    }
    TextRecord old = t.text(x.text()).orElse(null);
    if (old == null) {
      TextVersion v = version(t, s, x, 1, List.of());
      return Outcome.next(t.with(new TextRecord(x.text(), x.kind(), x.term(), s.party(),
          List.of(v), List.of(), List.of())));
    }
    Outcome<Talks> refused = follows(t, s, old, x);
    if (refused != null) {
      return refused;
    }
    List<TextVersion> versions = new ArrayList<>(old.versions());
    versions.add(version(t, s, x, old.versions().size() + 1, old.latest().clauses()));
    return Outcome.next(t.with(new TextRecord(old.id(), old.kind(), old.term(), old.author(),
        versions, old.initials(), old.signatures())));
  }

  private static String shape(Talks t, TextSubmission x) {
    if (x == null || !Fields.id(x.text()) || x.kind() == null || x.clauses().isEmpty()
        || x.clauses().size() > Checks.MAX_LIST) {
      return "a text needs an id, a kind and 1 to " + Checks.MAX_LIST + " clauses";
    }
    boolean clauses = x.clauses().stream().allMatch(c -> c != null && Fields.id(c.id())
        && c.text() != null && Checks.text(c.text()));
    if (!clauses || new HashSet<>(x.clauses().stream().map(Clause::id).toList()).size()
        != x.clauses().size()) {
      return "each clause needs its own id and a wording";
    }
    if (x.kind() == TextKind.DEFINITION && !Fields.id(x.term())) {
      return "a definition names its term";
    }
    RoundRecord r = t.round(x.round()).orElse(null);
    if (r == null) {
      return "no round " + x.round() + " was announced";
    }
    boolean placed = (x.track() == null || r.tracks().containsKey(x.track()))
        && (x.agendaItem() == null || r.agenda().containsKey(x.agendaItem()));
    return placed ? null : "track or agenda item not in round " + x.round();
  }

  /** Null when {@code x} may follow the text's versions, else the refusal. */
  private static Outcome<Talks> follows(Talks t, Step s, TextRecord old, TextSubmission x) {
    if (old.kind() != x.kind() || !Objects.equals(old.term(), x.term())) {
      return bad(t, "text " + old.id() + " is a " + old.kind().label() + ", not a "
          + x.kind().label());
    }
    if (!old.kind().agreeable() && !old.author().equals(s.party())) {
      return wrong(t, "a " + old.kind().label() + " is its author's, " + old.author());
    }
    if (old.state(t.rules().signatories()) == TextRecord.State.AGREED) {
      return refuse(Rule.ALREADY_AGREED, "text " + old.id() + " is agreed");
    }
    if (old.latest().hash().equals(Texts.hash(x))) {
      return refuse(Rule.DUPLICATE, "the wording is that of version "
          + old.latest().version());
    }
    return null;
  }

  private static TextVersion version(Talks t, Step s, TextSubmission x, int n,
      List<Clause> before) {
    return new TextVersion(n, Texts.hash(x), s.party(), s.at(), x.round(), x.track(),
        x.agendaItem(), x.clauses(), n == 1 ? Redline.NONE : Redline.between(before,
            x.clauses()));
  }

  static Outcome<Talks> initial(Talks t, Step s, Initial i) {
    TextRecord x = t.text(i.text()).orElse(null);
    Outcome<Talks> refused = markable(t, s, x, i.text(), i.hash());
    if (refused == null) {
      refused = again(t, x.initials(), s.party(), i.hash(), "initialled");
    }
    return refused != null ? refused : Outcome.next(t.with(x.initialled(mark(x, s, i.hash()))));
  }

  static Outcome<Talks> sign(Talks t, Step s, Sign g) {
    TextRecord x = t.text(g.text()).orElse(null);
    Outcome<Talks> refused = markable(t, s, x, g.text(), g.hash());
    if (refused != null) {
      return refused;
    }
    boolean initialled = x.initialled(t.rules().signatories()).map(v -> v.hash()
        .equals(g.hash())).orElse(false);
    if (!initialled) {
      return refuse(Rule.NOT_INITIALLED, "not every signatory has initialled "
          + "that wording of " + x.id() + "; initials come before signatures");
    }
    refused = again(t, x.signatures(), s.party(), g.hash(), "signed");
    return refused != null ? refused : Outcome.next(t.with(x.signed(mark(x, s, g.hash()))));
  }

  private static Mark mark(TextRecord x, Step s, String hash) {
    return new Mark(s.party(), s.at(), hash, x.version(hash).orElseThrow().version());
  }

  /** A refusal when the party's latest mark already names {@code hash}. */
  private static Outcome<Talks> again(Talks t, List<Mark> marks, String party, String hash,
      String done) {
    String last = "";
    for (Mark m : marks) {
      last = m.party().equals(party) ? m.hash() : last;
    }
    return last.equals(hash)
        ? refuse(Rule.DUPLICATE, party + " " + done + " that wording") : null;
  }

  private static Outcome<Talks> markable(Talks t, Step s, TextRecord x, String id, String hash) {
    if (!TalksRules.signs(role(t, s))) {
      return wrong(t, "only the parties and the mediator initial and sign");
    }
    if (x == null) {
      return refuse(Rule.UNKNOWN_TEXT, "no text " + id);
    }
    if (!x.kind().agreeable()) {
      return refuse(Rule.NOT_AGREEABLE, "a " + x.kind().label()
          + " is one side's text; only drafts and definitions are initialled and signed");
    }
    if (x.state(t.rules().signatories()) == TextRecord.State.AGREED) {
      return refuse(Rule.ALREADY_AGREED, "text " + x.id() + " is agreed");
    }
    if (hash == null || x.version(hash).isEmpty()) {
      return refuse(Rule.UNKNOWN_HASH, "no version of " + x.id() + " has hash "
          + hash);
    }
    return null;
  }
}
