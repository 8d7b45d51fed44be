package dev.verity.core.exchange;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An exchange as agreed, sent by a mediator before anything else of the exchange ({@code
 * exchange-arrangement}): its identifier, the two Parties (each both detaining and home power),
 * the mediators of this exchange (the UAE; the US in 2026, a co-mediator the agreement may or may
 * not have), the neutral intermediary (the ICRC), the categories and the stages on their days,
 * and what was agreed in numbers: a ratio ("one for one") or counts per category each Party hands
 * over ("157 from each side"). Data, not code.
 *
 * @param ratio persons each Party hands over, in proportion ({@code {RU: 1, UA: 1}}); empty when
 *     none was agreed
 * @param counts persons each Party is to hand over, per category ({@code {RU: {military: 157}}});
 *     empty when none were agreed
 */
public record Arrangement(
    String exchange, List<String> parties, List<String> mediators, String intermediary,
    List<CategoryRule> categories, List<Stage> stages, Map<String, Integer> ratio,
    Map<String, Map<String, Integer>> counts) implements ExchangeMessage {

  /**
   * A category of persons. {@code inTotal}: counted in a report's total (military and civilians
   * partition those exchanged; the wounded or the 18 to 25 year-olds are among them).
   * {@code consentToReturn}: no one on a held list of this category is handed over without the
   * neutral intermediary's attestation of consent (GC III Art. 109 para. 3).
   */
  public record CategoryRule(String id, boolean inTotal, boolean consentToReturn) {}

  /** A stage of the exchange, on its day. */
  public record Stage(int number, LocalDate date) {}

  public Arrangement {
    parties = List.copyOf(parties);
    mediators = List.copyOf(mediators);
    categories = List.copyOf(categories);
    stages = List.copyOf(stages);
    ratio = ratio == null ? Map.of() : new TreeMap<>(ratio);
    counts = counts == null ? Map.of() : new TreeMap<>(counts);
    if (parties.size() != 2 || parties.get(0).equals(parties.get(1))) {
      throw new IllegalArgumentException("an exchange is between two Parties, not " + parties);
    }
  }

  /** An arrangement with no ratio or counts agreed. */
  public Arrangement(String exchange, List<String> parties, List<String> mediators,
      String intermediary, List<CategoryRule> categories, List<Stage> stages) {
    this(exchange, parties, mediators, intermediary, categories, stages, null, null);
  }

  @Override
  public String type() {
    return "exchange-arrangement";
  }

  /** The categories announcements use (domain notes C7, C10). */
  public static List<CategoryRule> usualCategories() {
    return List.of(new CategoryRule("military", true, false),
        new CategoryRule("civilian", true, false),
        new CategoryRule("wounded-sick", false, true),
        new CategoryRule("aged-18-25", false, false),
        new CategoryRule("sentenced", false, false),
        new CategoryRule("bodies", false, false));
  }

  public Optional<CategoryRule> category(String id) {
    return categories.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public Optional<Stage> stage(int number) {
    return stages.stream().filter(s -> s.number() == number).findFirst();
  }

  /** The earliest stage: what the lists and consents are owed by. */
  public Optional<Stage> firstStage() {
    return stages.stream().min(Comparator.comparing(Stage::date)
        .thenComparingInt(Stage::number));
  }

  /** The Party other than {@code party}. */
  public String other(String party) {
    return parties.get(0).equals(party) ? parties.get(1) : parties.get(0);
  }
}
