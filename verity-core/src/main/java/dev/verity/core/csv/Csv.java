package dev.verity.core.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: quoted fields, doubled quotes, commas and newlines inside quotes.
 * Bounded: a field longer than {@code maxField} characters or more than {@code maxRecords}
 * records is an error, so a hostile file cannot exhaust memory.
 */
public final class Csv {
  /** A file that is not CSV, or too large; {@link #line()} is where it went wrong. */
  public static final class CsvError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    CsvError(int line, String message) {
      super(message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  /** One record and the line it starts on (a quoted field may span lines). */
  public record Line(int line, List<String> fields) {}

  private Csv() {}

  /** Every record, without bounds (for bundled and operator-chosen tables). */
  public static List<Line> parse(BufferedReader in) throws IOException, CsvError {
    return parse(in, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /** Every record; at most {@code maxRecords} of them, no field over {@code maxField} chars. */
  public static List<Line> parse(BufferedReader in, int maxRecords, int maxField)
      throws IOException, CsvError {
    Reader r = new Reader(maxRecords, maxField);
    int c;
    while ((c = in.read()) != -1) {
      r.accept(in, (char) c);
    }
    return r.finish();
  }

  /** The parser's state between characters. */
  private static final class Reader {
    private final int maxRecords;
    private final int maxField;
    private final List<Line> out = new ArrayList<>();
    private List<String> rec = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private boolean quoted;
    private boolean any;
    private int line = 1;
    private int startLine = 1;

    Reader(int maxRecords, int maxField) {
      this.maxRecords = maxRecords;
      this.maxField = maxField;
    }

    void accept(BufferedReader in, char ch) throws IOException, CsvError {
      any = true;
      if (quoted) {
        quotedChar(in, ch);
      } else if (ch == '"') {
        if (field.length() > 0) {
          throw new CsvError(line, "quote inside an unquoted field");
        }
        quoted = true;
      } else if (ch == ',') {
        endField();
      } else if (ch == '\n') {
        endRecord();
        line++;
        startLine = line;
        any = false;
      } else if (ch != '\r') {
        append(ch);
      }
    }

    private void quotedChar(BufferedReader in, char ch) throws IOException, CsvError {
      if (ch == '"') {
        in.mark(1);
        int next = in.read();
        if (next == '"') {
          append('"');
        } else {
          quoted = false;
          if (next != -1) {
            in.reset();
          }
        }
        return;
      }
      if (ch == '\n') {
        line++;
      }
      append(ch);
    }

    private void append(char ch) throws CsvError {
      if (field.length() >= maxField) {
        throw new CsvError(line, "a field longer than " + maxField + " characters");
      }
      field.append(ch);
    }

    private void endField() {
      rec.add(field.toString());
      field.setLength(0);
    }

    private void endRecord() throws CsvError {
      endField();
      if (out.size() >= maxRecords) {
        throw new CsvError(startLine, "more than " + maxRecords + " lines");
      }
      out.add(new Line(startLine, rec));
      rec = new ArrayList<>();
    }

    List<Line> finish() throws CsvError {
      if (quoted) {
        throw new CsvError(startLine, "unterminated quoted field");
      }
      if (any) {
        endRecord();
      }
      return out;
    }
  }
}
