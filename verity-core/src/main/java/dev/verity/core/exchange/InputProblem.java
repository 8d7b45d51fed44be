package dev.verity.core.exchange;

/**
 * One thing wrong with an input: the line (0 for a JSON body, which has none), the field (a
 * column, or a JSON path) and what was expected.
 */
public record InputProblem(int line, String field, String words) {
  @Override
  public String toString() {
    String where = line > 0 ? "line " + line + (field == null ? "" : ", " + field)
        : field == null ? "body" : field;
    return where + ": " + words;
  }
}
