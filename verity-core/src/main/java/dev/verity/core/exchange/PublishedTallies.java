package dev.verity.core.exchange;

import dev.verity.core.csv.Csv;
import dev.verity.core.exchange.Mediation.Status;
import dev.verity.core.regime.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mediators' tallies as published: a CSV of {@code mediation, when, exchanged, each_side,
 * cumulative, status, source, note}, one row per announced mediation (docs/formats/exchange.md).
 * The UAE's, from October 2024 to 5 February 2026, is bundled with its sources
 * ({@code uae-mediations.csv}, from the domain notes C4).
 */
public final class PublishedTallies {
  private static final List<String> REQUIRED =
      List.of("mediation", "when", "exchanged", "cumulative", "status", "source");

  private PublishedTallies() {}

  /** The UAE's announced mediations, 9th (18 Oct 2024, 2,184) to 18th (5 Feb 2026, 4,955). */
  public static MediatorTally uae() {
    try (InputStream in = PublishedTallies.class.getResourceAsStream("uae-mediations.csv")) {
      if (in == null) {
        throw new IllegalStateException("uae-mediations.csv missing from the class path");
      }
      return read("uae-mediations.csv", "UAE",
          new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ExchangeInputException e) {
      throw new IllegalStateException("bundled tally: " + e.getMessage(), e);
    }
  }

  /** Reads a tally, every row applied in order; problems name line and column. */
  public static MediatorTally read(String source, String mediator, Reader in)
      throws IOException, ExchangeInputException {
    List<Csv.Line> lines;
    try {
      lines = Csv.parse(new BufferedReader(in), 100_000, 2_000);
    } catch (Csv.CsvError e) {
      throw new ExchangeInputException(source, List.of(new InputProblem(e.line(), null,
          e.getMessage())));
    }
    List<InputProblem> problems = new ArrayList<>();
    Map<String, Integer> col = header(lines, problems);
    MediatorTally t = MediatorTally.empty(mediator);
    for (Csv.Line l : lines.subList(Math.min(1, lines.size()), lines.size())) {
      t = row(t, l, col, problems);
    }
    if (!problems.isEmpty()) {
      throw new ExchangeInputException(source, problems);
    }
    return t;
  }

  private static Map<String, Integer> header(List<Csv.Line> lines, List<InputProblem> problems) {
    Map<String, Integer> col = new HashMap<>();
    if (lines.isEmpty()) {
      problems.add(new InputProblem(1, null, "empty file, expected a header"));
      return col;
    }
    List<String> h = lines.get(0).fields();
    for (int i = 0; i < h.size(); i++) {
      col.put(h.get(i).strip(), i);
    }
    REQUIRED.stream().filter(c -> !col.containsKey(c))
        .forEach(c -> problems.add(new InputProblem(1, c, "column missing from the header")));
    return col;
  }

  private static MediatorTally row(MediatorTally t, Csv.Line l, Map<String, Integer> col,
      List<InputProblem> problems) {
    if (!col.keySet().containsAll(REQUIRED) || l.fields().size() == 1 && l.fields().get(0)
        .isBlank()) {
      return t;
    }
    int before = problems.size();
    Fields f = new Fields(l, col, problems);
    Mediation m = new Mediation((int) f.number("mediation"), f.when(),
        (int) f.number("exchanged"), f.number("cumulative"), f.status(), f.text("source"));
    if (problems.size() > before) {
      return t;
    }
    Outcome<MediatorTally> o = t.apply(m);
    if (o instanceof Outcome.Refused<MediatorTally> r) {
      problems.add(new InputProblem(l.line(), "mediation", r.refusal().reason()));
      return t;
    }
    return ((Outcome.Next<MediatorTally>) o).state();
  }

  /** The fields of one row, each problem recorded with its column. */
  private record Fields(Csv.Line line, Map<String, Integer> col, List<InputProblem> problems) {
    String text(String name) {
      Integer i = col.get(name);
      String v = i < line.fields().size() ? line.fields().get(i).strip() : "";
      if (v.isEmpty()) {
        problems.add(new InputProblem(line.line(), name, "empty"));
      }
      return v;
    }

    long number(String name) {
      String v = text(name);
      try {
        return v.isEmpty() ? 0 : Long.parseLong(v);
      } catch (NumberFormatException e) {
        problems.add(new InputProblem(line.line(), name, "'" + v + "' is not a whole number"));
        return 0;
      }
    }

    String when() {
      String v = text("when");
      if (!v.isEmpty() && !v.matches("\\d{4}-\\d{2}(-\\d{2})?")) {
        problems.add(new InputProblem(line.line(), "when", "'" + v
            + "' is not a date (YYYY-MM-DD) or a month (YYYY-MM)"));
      }
      return v;
    }

    Status status() {
      String v = text("status");
      if (v.isEmpty()) {
        return Status.UNCONFIRMED;
      }
      try {
        return Status.valueOf(v.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new InputProblem(line.line(), "status", "'" + v
            + "' is not confirmed, unconfirmed or derived"));
        return Status.UNCONFIRMED;
      }
    }
  }
}
