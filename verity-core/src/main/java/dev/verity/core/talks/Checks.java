package dev.verity.core.talks;

import dev.verity.core.talks.Participant.Role;
import dev.verity.core.talks.Refusal.Reason;

/** Bounds and shapes of what a step of the talks carries, and who may take it. */
final class Checks {
  static final int MAX_ID = 128;
  static final int MAX_TEXT = 20_000;
  static final int MAX_LIST = 500;

  private Checks() {}

  static boolean id(String s) {
    return s != null && !s.isBlank() && s.length() <= MAX_ID;
  }

  static boolean text(String s) {
    return s == null || s.length() <= MAX_TEXT;
  }

  static boolean sha256(String s) {
    return s != null && s.length() == 64 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
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
