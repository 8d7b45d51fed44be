package dev.verity.core.exchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Invented persons for exchange lists, each written the five ways the two sides write names:
 * Ukrainian and Russian Cyrillic, and three romanisations ({@link Spellings}). Ukrainian persons
 * start from a Ukrainian spelling and are russified; Russian persons the other way round. About
 * one in ten is a woman; military persons carry a service number. No person is real: surnames
 * and given names are drawn independently from common ones (synthetic-surnames.txt,
 * given-names.txt) with a date of birth between 1965 and 2006.
 *
 * <p>No two persons share a match key in any spelling: a candidate that would (a different
 * person whom the fold cannot tell apart) is dropped and counted in
 * {@link Corpus#collisionsRejected()}.
 */
public final class SyntheticPersons {
  /** The ways a name is written. */
  public enum Spelling {
    UA_CYRILLIC, RU_CYRILLIC, UA_LATIN_KMU_2010, RU_LATIN_ICAO_9303, RU_LATIN_BGN_PCGN
  }

  /** One invented person, in every spelling. */
  public record Person(boolean ukrainian, boolean military, Map<Spelling, PersonRecord> spellings) {
    public PersonRecord in(Spelling s) {
      return spellings.get(s);
    }
  }

  /** The persons generated, and how many candidates were dropped for sharing a key. */
  public record Corpus(List<Person> persons, int collisionsRejected) {}

  /**
   * The first {@code n} military persons of {@code pool}, Ukrainian or not, whose every spelling
   * gives the same match key: the persons the fold reconciles (about 99%; the others have a
   * surname a clerk replaced by a Russian word), for a scenario that must match them all.
   */
  public static List<Person> reconciled(List<Person> pool, boolean ukrainian, int n) {
    List<Person> out = new ArrayList<>();
    for (Person p : pool) {
      MatchKey k = MatchKey.of(p.in(Spelling.UA_CYRILLIC));
      boolean same = p.spellings().values().stream().allMatch(s -> MatchKey.of(s).equals(k));
      if (p.ukrainian() == ukrainian && p.military() && same && out.size() < n) {
        out.add(p);
      }
    }
    return out;
  }

  /** How often one person's two spellings give the same match key. */
  public record PairRate(Spelling a, Spelling b, int matched, int total) {
    public double rate() {
      return total == 0 ? 0 : (double) matched / total;
    }
  }

  private static final LocalDate FIRST_BIRTH = LocalDate.of(1965, 1, 1);
  private static final int BIRTH_DAYS = 15_340; // to 31 Dec 2006
  private static final String[][] PATRONYMICS = {
    {"Петрович", "Петрович"}, {"Іванович", "Иванович"}, {"Миколайович", "Николаевич"},
    {"Олександрович", "Александрович"}, {"Васильович", "Васильевич"},
    {"Володимирович", "Владимирович"}, {"Сергійович", "Сергеевич"},
    {"Михайлович", "Михайлович"}, {"Вікторович", "Викторович"}, {"Юрійович", "Юрьевич"}
  };
  private static final Names NAMES = Names.load();

  private SyntheticPersons() {}

  /** {@code n} distinct persons from {@code seed}, {@code ukrainianShare} of them Ukrainian. */
  public static Corpus generate(int n, double ukrainianShare, long seed) {
    Random r = new Random(seed);
    List<Person> out = new ArrayList<>(n);
    Set<MatchKey> keys = new HashSet<>();
    int collisions = 0;
    while (out.size() < n) {
      Person p = candidate(r, r.nextDouble() < ukrainianShare);
      Set<MatchKey> own = new HashSet<>();
      p.spellings().values().forEach(x -> own.add(MatchKey.of(x)));
      if (own.stream().anyMatch(keys::contains)) {
        collisions++;
        continue;
      }
      keys.addAll(own);
      out.add(p);
    }
    return new Corpus(List.copyOf(out), collisions);
  }

  /** For every pair of spellings, how many persons' two keys are equal. */
  public static List<PairRate> matchRates(List<Person> persons) {
    List<PairRate> out = new ArrayList<>();
    Spelling[] all = Spelling.values();
    for (int i = 0; i < all.length; i++) {
      for (int j = i + 1; j < all.length; j++) {
        int matched = 0;
        for (Person p : persons) {
          matched += MatchKey.of(p.in(all[i])).equals(MatchKey.of(p.in(all[j]))) ? 1 : 0;
        }
        out.add(new PairRate(all[i], all[j], matched, persons.size()));
      }
    }
    return out;
  }

  private static Person candidate(Random r, boolean ukrainian) {
    boolean female = r.nextInt(10) == 0;
    boolean military = !female && r.nextInt(20) != 0;
    List<GivenNames.Pair> given = female ? NAMES.female : NAMES.male;
    GivenNames.Pair g = given.get(skewed(r, given.size()));
    String surname = ukrainian ? NAMES.ukrainian.get(skewed(r, NAMES.ukrainian.size()))
        : NAMES.russian.get(skewed(r, NAMES.russian.size()));
    String ua = ukrainian ? surname : Spellings.ukrainise(surname);
    String ru = ukrainian ? Spellings.russify(surname, NAMES.lexical, r) : surname;
    if (female) {
      ua = Spellings.feminineUkrainian(ua);
      ru = Spellings.feminineRussian(ru);
    }
    String[] patronymic = female ? null : PATRONYMICS[r.nextInt(PATRONYMICS.length)];
    LocalDate born = FIRST_BIRTH.plusDays(r.nextInt(BIRTH_DAYS));
    String number = military ? serviceNumber(r) : null;
    PersonRecord uaRec = record(ua, g.ukrainian(), patronymic, 0, r, born, number);
    PersonRecord ruRec = record(ru, g.russian(), patronymic, 1, r, born, number);
    Map<Spelling, PersonRecord> m = new EnumMap<>(Spelling.class);
    m.put(Spelling.UA_CYRILLIC, uaRec);
    m.put(Spelling.RU_CYRILLIC, ruRec);
    m.put(Spelling.UA_LATIN_KMU_2010, romanised(uaRec, Spellings::kmu2010));
    m.put(Spelling.RU_LATIN_ICAO_9303, romanised(ruRec, Spellings::icao9303));
    m.put(Spelling.RU_LATIN_BGN_PCGN, romanised(ruRec, Spellings::bgnPcgn));
    return new Person(ukrainian, military, Map.copyOf(m));
  }

  private static PersonRecord record(String surname, String given, String[] patronymic, int lang,
      Random r, LocalDate born, String number) {
    String first = patronymic != null && r.nextBoolean() ? given + " " + patronymic[lang] : given;
    return new PersonRecord(surname, first, born, number);
  }

  private static PersonRecord romanised(PersonRecord p, UnaryOperator<String> f) {
    return new PersonRecord(f.apply(p.surname()), f.apply(p.firstNames()), p.dateOfBirth(),
        p.serviceNumber() == null ? null : Spellings.icao9303(p.serviceNumber()));
  }

  private static String serviceNumber(Random r) {
    String letters = "АБВГДЕЖИКЛМНОПРСТУ";
    return "" + letters.charAt(r.nextInt(letters.length()))
        + letters.charAt(r.nextInt(letters.length())) + "-" + (100_000 + r.nextInt(900_000));
  }

  /** An index in [0, n) favouring the front (common names first), roughly as name counts do. */
  private static int skewed(Random r, int n) {
    double u = r.nextDouble();
    return (int) (n * u * u);
  }

  /** The bundled name inventory. */
  private record Names(List<String> ukrainian, List<String> russian, Map<String, String> lexical,
      List<GivenNames.Pair> male, List<GivenNames.Pair> female) {
    static Names load() {
      Map<String, List<String>> sections = new HashMap<>();
      Map<String, String> lexical = new HashMap<>();
      String section = "";
      for (String line : lines()) {
        String t = line.strip();
        if (t.startsWith("[")) {
          section = t;
        } else if (!t.isEmpty() && !t.startsWith("#") && t.contains("=")) {
          lexical.put(t.split("=")[0].strip(), t.split("=")[1].strip());
        } else if (!t.isEmpty() && !t.startsWith("#")) {
          sections.computeIfAbsent(section, k -> new ArrayList<>()).addAll(List.of(t.split(" ")));
        }
      }
      List<GivenNames.Pair> pairs = GivenNames.bundled().pairs();
      return new Names(List.copyOf(sections.get("[ukrainian]")),
          List.copyOf(sections.get("[russian]")), Map.copyOf(lexical),
          pairs.stream().filter(p -> !p.female()).toList(),
          pairs.stream().filter(GivenNames.Pair::female).toList());
    }

    private static List<String> lines() {
      try (InputStream in = SyntheticPersons.class.getResourceAsStream("synthetic-surnames.txt")) {
        if (in == null) {
          throw new IllegalStateException("synthetic-surnames.txt missing from the class path");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
