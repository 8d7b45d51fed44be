package dev.verity.core.exchange;

import dev.verity.core.csv.Csv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A list of persons as a Party's operator prepares it (docs/formats/exchange.md, "List CSV"):
 * UTF-8 CSV (RFC 4180), a header naming the columns {@code surname}, {@code first_names},
 * {@code date_of_birth} and optionally {@code service_number} in any order, one person per line.
 * No other column is accepted: the list holds the GC III Art. 17 identity and nothing more
 * (data minimisation). Dates are {@code YYYY-MM-DD} or {@code DD.MM.YYYY}. Every problem is
 * reported with its line and column, all at once.
 */
public final class PersonListCsv {
  /** The columns a list may have. */
  public static final List<String> COLUMNS =
      List.of("surname", "first_names", "date_of_birth", "service_number");
  /** The most persons one file may list. */
  public static final int MAX_PERSONS = ExchangeRegime.MAX_LIST;
  private static final int MAX_FIELD = 200;
  private static final DateTimeFormatter DOTTED =
      DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT);

  /** The persons read, the line each came from, and groups of lines sharing a match key. */
  public record PersonList(List<PersonRecord> persons, List<Integer> lines,
      List<List<Integer>> namesakes) {}

  private PersonListCsv() {}

  /**
   * Reads a list; a date of birth after {@code today} is refused. Namesakes (two lines with the
   * same surname, first name and date of birth after transliteration) are not an error — the
   * same person entered twice, or two persons the match cannot tell apart — and are returned
   * for the operator to look at.
   */
  public static PersonList read(String source, Reader in, LocalDate today)
      throws IOException, ExchangeInputException {
    List<Csv.Line> lines;
    try {
      lines = Csv.parse(new BufferedReader(in), MAX_PERSONS + 1, MAX_FIELD);
    } catch (Csv.CsvError e) {
      throw new ExchangeInputException(source, List.of(new InputProblem(e.line(), null,
          e.getMessage())));
    }
    List<InputProblem> problems = new ArrayList<>();
    Map<String, Integer> col = header(lines, problems);
    List<PersonRecord> persons = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    for (Csv.Line l : lines.subList(Math.min(1, lines.size()), lines.size())) {
      person(l, col, today, problems).ifPresent(p -> {
        persons.add(p);
        at.add(l.line());
      });
    }
    if (!problems.isEmpty()) {
      throw new ExchangeInputException(source, problems);
    }
    return new PersonList(List.copyOf(persons), List.copyOf(at), namesakes(persons, at));
  }

  private static Map<String, Integer> header(List<Csv.Line> lines, List<InputProblem> problems) {
    Map<String, Integer> col = new LinkedHashMap<>();
    if (lines.isEmpty()) {
      problems.add(new InputProblem(1, null, "empty file, expected the header "
          + String.join(",", COLUMNS)));
      return col;
    }
    List<String> h = lines.get(0).fields();
    for (int i = 0; i < h.size(); i++) {
      String name = (i == 0 ? h.get(i).replace("\uFEFF", "") : h.get(i)).strip();
      if (!COLUMNS.contains(name)) {
        problems.add(new InputProblem(1, name, "not a column a list may have (GC III Art. 17"
            + " identity only): " + String.join(", ", COLUMNS)));
      } else if (col.put(name, i) != null) {
        problems.add(new InputProblem(1, name, "column named twice"));
      }
    }
    COLUMNS.subList(0, 3).stream().filter(c -> !col.containsKey(c))
        .forEach(c -> problems.add(new InputProblem(1, c, "column missing from the header")));
    return col;
  }

  private static Optional<PersonRecord> person(Csv.Line l, Map<String, Integer> col,
      LocalDate today, List<InputProblem> problems) {
    List<String> f = l.fields();
    if (f.size() == 1 && f.get(0).isBlank() || !col.keySet().containsAll(COLUMNS.subList(0, 3))) {
      return Optional.empty();
    }
    int before = problems.size();
    if (f.size() != width(col)) {
      problems.add(new InputProblem(l.line(), null, f.size() + " fields, the header has "
          + width(col)));
      return Optional.empty();
    }
    String surname = name(l, col, "surname", "surname", problems);
    String first = name(l, col, "first_names", "first names", problems);
    LocalDate born = date(l, f.get(col.get("date_of_birth")), today, problems);
    String number = col.containsKey("service_number") ? f.get(col.get("service_number")) : null;
    if (number != null && !number.isBlank()) {
      PersonRecord.fieldProblem("service number", number).ifPresent(p ->
          problems.add(new InputProblem(l.line(), "service_number", p)));
    }
    return problems.size() > before ? Optional.empty()
        : Optional.of(new PersonRecord(surname, first, born, number));
  }

  private static int width(Map<String, Integer> col) {
    return col.values().stream().mapToInt(i -> i + 1).max().orElse(0);
  }

  private static String name(Csv.Line l, Map<String, Integer> col, String column, String field,
      List<InputProblem> problems) {
    String v = l.fields().get(col.get(column));
    PersonRecord.fieldProblem(field, v).ifPresent(p ->
        problems.add(new InputProblem(l.line(), column, p)));
    return v;
  }

  private static LocalDate date(Csv.Line l, String v, LocalDate today,
      List<InputProblem> problems) {
    String t = v.strip();
    LocalDate d = null;
    try {
      d = t.contains(".") ? LocalDate.parse(t, DOTTED) : LocalDate.parse(t);
    } catch (DateTimeParseException e) {
      problems.add(new InputProblem(l.line(), "date_of_birth", "'" + t
          + "' is not a date (expected YYYY-MM-DD or DD.MM.YYYY)"));
      return null;
    }
    Optional<String> p = PersonRecord.dateProblem(d);
    if (p.isEmpty() && d.isAfter(today)) {
      p = Optional.of(d + " is after today (" + today + ")");
    }
    p.ifPresent(x -> problems.add(new InputProblem(l.line(), "date_of_birth", x)));
    return d;
  }

  private static List<List<Integer>> namesakes(List<PersonRecord> persons, List<Integer> at) {
    Map<MatchKey, List<Integer>> by = new HashMap<>();
    for (int i = 0; i < persons.size(); i++) {
      by.computeIfAbsent(MatchKey.of(persons.get(i)), k -> new ArrayList<>()).add(at.get(i));
    }
    return by.values().stream().filter(g -> g.size() > 1).map(List::copyOf)
        .sorted((a, b) -> Integer.compare(a.get(0), b.get(0))).toList();
  }
}
