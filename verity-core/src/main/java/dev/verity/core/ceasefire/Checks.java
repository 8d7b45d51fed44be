package dev.verity.core.ceasefire;

import dev.verity.core.message.Fields;
import dev.verity.core.regime.Refusal;
import java.util.List;
import java.util.function.Predicate;

/**
 * The checks on what a step carries: every field an observation needs, in range, every id known to
 * the vocabulary or the participants, every size bounded. Each returns null or the refusal that
 * names the field and what was expected.
 */
final class Checks {
  static final int MAX_TEXT = 4_000;
  static final int MAX_LIST = 64;
  static final long MAX_COUNT = 1_000_000;

  private Checks() {}

  static boolean text(String s) {
    return Fields.text(s, MAX_TEXT);
  }

  static Refusal observation(RegisterRules rules, Observation o) {
    Refusal r = fields(o);
    if (r == null) {
      r = position(rules, o.position());
    }
    if (r == null) {
      r = vocabulary(rules.vocabulary(), o);
    }
    return r == null ? actors(rules, o) : r;
  }

  private static Refusal fields(Observation o) {
    if (o.period() == null || o.period().problem() != null) {
      return bad("period: " + (o.period() == null ? "missing" : o.period().problem()));
    }
    if (o.category() == null || o.count() == null) {
      return bad("an observation needs a category and a count");
    }
    if (o.count().qualifier() == null || o.count().value() < 1
        || o.count().value() > MAX_COUNT) {
      return bad("count: a qualifier and a value from 1 to " + MAX_COUNT);
    }
    if (o.distance() != null && o.distance().problem() != null) {
      return bad("distance: " + o.distance().problem());
    }
    return lists(o);
  }

  private static Refusal lists(Observation o) {
    if (o.context().size() > MAX_LIST || o.evidence().size() > MAX_LIST) {
      return bad("at most " + MAX_LIST + " context flags and evidence hashes");
    }
    if (!o.evidence().stream().allMatch(Fields::sha256)) {
      return bad("evidence: each hash is SHA-256 in hex (64 hex digits)");
    }
    if (!text(o.weapon())) {
      return bad("weapon: at most " + MAX_TEXT + " characters");
    }
    return null;
  }

  static Refusal position(RegisterRules rules, Position p) {
    if (p == null || p.region() == null || p.place() == null) {
      return bad("position: a region and a place are required");
    }
    if (!rules.vocabulary().hasRegion(p.region())) {
      return notKnown("region '" + p.region() + "'");
    }
    if (p.controlledBy() != null && !rules.knowsActor(p.controlledBy())) {
      return bad("position: controlledBy '" + p.controlledBy() + "' is no known actor");
    }
    return text(p.reference()) ? null : bad("position: reference too long");
  }

  private static Refusal vocabulary(Vocabulary v, Observation o) {
    Vocabulary.Category c = v.category(o.category()).orElse(null);
    if (c == null) {
      return notKnown("category '" + o.category() + "'");
    }
    if (o.assessment() != null && !c.assessments().contains(o.assessment())) {
      return notKnown("assessment '" + o.assessment() + "' of category " + c.id()
          + " (known: " + String.join(", ", c.assessments()) + ")");
    }
    for (String ctx : o.context()) {
      if (!v.hasContext(ctx)) {
        return notKnown("context '" + ctx + "'");
      }
    }
    if (o.protectedObject() != null && !v.hasProtectedObject(o.protectedObject())) {
      return notKnown("protected-object category '" + o.protectedObject() + "'");
    }
    return null;
  }

  private static Refusal actors(RegisterRules rules, Observation o) {
    if (o.attributedTo() != null && !rules.knowsActor(o.attributedTo())) {
      return bad("attributedTo: '" + o.attributedTo() + "' is no participant or known actor");
    }
    return null;
  }

  /** Null when every id is known to the vocabulary by {@code known}, else the refusal. */
  static Refusal allKnown(String what, List<String> ids, Predicate<String> known) {
    for (String id : ids) {
      if (id == null || !known.test(id)) {
        return notKnown(what + " '" + id + "'");
      }
    }
    return null;
  }

  static Refusal bad(String words) {
    return Rule.MALFORMED.refusal(words);
  }

  static Refusal notKnown(String what) {
    return Rule.NOT_IN_VOCABULARY.refusal(what + " is not in the register's vocabulary");
  }
}
