package dev.verity.core.talks;

import dev.verity.core.agreement.Party;
import dev.verity.core.message.Fields;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Step;

/** Bounds and shapes of what a step of the talks carries, and who may take it. */
final class Checks {
  static final int MAX_TEXT = 20_000;
  static final int MAX_LIST = 500;

  private Checks() {}

  static boolean text(String s) {
    return Fields.text(s, MAX_TEXT);
  }

  static Party role(Talks t, Step s) {
    return t.rules().participant(s.party()).orElseThrow();
  }

  static Outcome<Talks> refuse(Rule rule, String words) {
    return Outcome.refused(rule.refusal(words));
  }

  static Outcome<Talks> bad(Talks t, String words) {
    return refuse(Rule.MALFORMED, words);
  }

  static Outcome<Talks> wrong(Talks t, String words) {
    return refuse(Rule.WRONG_SENDER, words);
  }

  static Outcome<Talks> noRound(Talks t, int round) {
    return refuse(Rule.UNKNOWN_ROUND, "no round " + round + " was announced");
  }
}
