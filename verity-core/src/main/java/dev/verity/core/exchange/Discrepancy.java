package dev.verity.core.exchange;

import java.util.List;

/**
 * Figures for one direction and category of a stage that do not agree: what the sending Party
 * says it handed, what the receiving Party says it received, what each mediator attests. Named,
 * never blocking: the reports stand, each signed by its author.
 */
public record Discrepancy(
    int stage, String from, String to, String category, Kind kind, List<Figure> figures,
    String words) {
  /** The pseudo-category of a report's total. */
  public static final String TOTAL = "total";

  /** How the figures disagree. */
  public enum Kind {
    /** Two reports give different numbers. */
    MISMATCH,
    /** One report counts the category, another breaks its figure down without it. */
    NOT_REPORTED
  }

  /** One participant's figure; {@code value} null when its breakdown leaves the category out. */
  public record Figure(String participant, Role role, Integer value) {
    /** In words: "RU handed 157", "UA received no figure for civilian". */
    public String words() {
      return participant + " " + role.verb + " " + (value == null ? "no figure" : value);
    }
  }

  /** Whose figure it is. */
  public enum Role {
    HANDED("handed"),
    RECEIVED("received"),
    ATTESTED("attests");

    final String verb;

    Role(String verb) {
      this.verb = verb;
    }
  }
}
