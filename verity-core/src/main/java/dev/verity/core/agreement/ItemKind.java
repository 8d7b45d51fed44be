package dev.verity.core.agreement;

import java.util.List;

/**
 * A kind of accountable item.
 *
 * @param category missile, launcher, carrier (a submarine) or bomber: says which attributes an
 *     item of this kind has
 * @param holds for a launcher, the missile kinds it can contain
 * @param countedWhen when false, the item is declared but counts toward no limit
 * @param deployedWhen when true (and counted), the item is deployed; otherwise non-deployed
 */
public record ItemKind(
    String id,
    String name,
    Category category,
    List<String> holds,
    Condition countedWhen,
    Condition deployedWhen) {

  /** What an item of a kind is, which fixes the attributes it may carry. */
  public enum Category {
    MISSILE,
    LAUNCHER,
    CARRIER,
    BOMBER;

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Category parse(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public List<String> holds() {
    return holds == null ? List.of() : holds;
  }

  public Condition countedWhen() {
    return countedWhen == null ? Condition.ALWAYS : countedWhen;
  }

  public Condition deployedWhen() {
    return deployedWhen == null ? Condition.ALWAYS : deployedWhen;
  }
}
