package dev.verity.core.regime;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a step was refused: a value, never an exception, and a refused step changes nothing. {@code
 * kind} is what a program branches on; {@code rule} names the rule broken (a protocol's step,
 * quota or gate, an inspection rule such as {@code QuotaExceeded}); {@code reason} says it in
 * words for people.
 */
public record Refusal(Kind kind, String rule, String reason) {
  /** The kinds of rule a step can break. */
  public enum Kind {
    /** A field is missing, of the wrong kind or out of range (the schema step). */
    MALFORMED,
    /** The agreement has no such message type, or no regime takes it. */
    UNKNOWN_TYPE,
    /** The sender may not take this step (not a participant, or not in the role it needs). */
    WRONG_ROLE,
    /** The step does not follow from the state its subject is in. */
    WRONG_STATE,
    /** The step names a subject that does not exist, or opens one with an id already used. */
    SUBJECT,
    /** The step names something the other Party has not declared (a facility, an item). */
    UNKNOWN_REFERENCE,
    /** A quota or a limit on how many at a time is used up. */
    QUOTA,
    /** The step is allowed only once a condition holds, and it does not yet. */
    GATE,
    /** The agreement does not provide for the step now (not in force, exempted, not this type). */
    NOT_ALLOWED,
    /** A value differs from what was committed or signed before (a secret, a digest). */
    MISMATCH,
    /** The step contradicts the record (an eliminated item moved, a full launcher loaded). */
    CONFLICT;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * A rule of a regime whose rules are code, as an enum constant: the kind of refusal it gives,
   * and its name in a refusal, {@code <regime>/<constant in lower case with hyphens>} ({@code
   * talks/not-initialled}). The register's and the talks' rules are these; the exchanges' rules
   * serve three regimes (the exchanges, the tally, the bodies) and name theirs with {@link
   * #id(String, String)}.
   */
  public interface Rule {
    String name();

    Kind kind();

    /** The regime whose rule it is. */
    String regime();

    /** The rule's name in a refusal: {@code talks/not-initialled}. */
    default String id() {
      return id(regime(), name());
    }

    /** A refusal under this rule, with the reason in words. */
    default Refusal refusal(String reason) {
      return new Refusal(kind(), id(), reason);
    }

    /** The name of the rule {@code constant} of {@code regime} in a refusal. */
    static String id(String regime, String constant) {
      return regime + "/" + constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  @Override
  public String toString() {
    return label() + " (" + rule + "): " + reason;
  }

  private String label() {
    return kind.label();
  }
}
