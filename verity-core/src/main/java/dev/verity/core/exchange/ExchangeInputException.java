package dev.verity.core.exchange;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An input file (a list of persons, a mediator's tally) with problems, each naming its line and
 * field. The message lists the first {@value #SHOWN}.
 */
public final class ExchangeInputException extends Exception {
  private static final long serialVersionUID = 1L;
  static final int SHOWN = 20;
  private final transient List<InputProblem> problems;

  public ExchangeInputException(String source, List<InputProblem> problems) {
    super(message(source, problems));
    this.problems = List.copyOf(problems);
  }

  public List<InputProblem> problems() {
    return problems;
  }

  private static String message(String source, List<InputProblem> problems) {
    String shown = problems.stream().limit(SHOWN).map(p -> source + ": " + p)
        .collect(Collectors.joining("\n"));
    return problems.size() <= SHOWN ? shown
        : shown + "\n" + source + ": and " + (problems.size() - SHOWN) + " more problems";
  }
}
