package dev.verity.core.talks;

import dev.verity.core.message.Fields;
import dev.verity.core.talks.Participant.Role;
import dev.verity.core.talks.Refusal.Reason;

/** Bounds and shapes of what a step of the talks carries, and who may take it. */
final class Checks {
  static final int MAX_TEXT = 20_000;
  static final int MAX_LIST = 500;

  private Checks() {}

  static boolean text(String s) {
    return Fields.text(s, MAX_TEXT);
  }

  static Role role(Talks t, Step s) {
    return t.rules().participant(s.participant()).orElseThrow().role();
  }

  static Outcome bad(Talks t, String words) {
    return Outcome.refused(t, Reason.MALFORMED, words);
  }

  static Outcome wrong(Talks t, String words) {
    return Outcome.refused(t, Reason.WRONG_SENDER, words);
  }

  static Outcome noRound(Talks t, int round) {
    return Outcome.refused(t, Reason.UNKNOWN_ROUND, "no round " + round + " was announced");
  }
}
