package dev.verity.core.compliance;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader: quoted fields, doubled quotes, commas and newlines inside quotes. */
final class Csv {
  static final class CsvError extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;

    CsvError(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  /** One record and the line it starts on (a quoted field may span lines). */
  record Line(int line, List<String> fields) {}

  private Csv() {}

  static List<Line> parse(BufferedReader in) throws IOException, CsvError {
    List<Line> out = new ArrayList<>();
    List<String> rec = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    int startLine = 1;
    int c;
    while ((c = in.read()) != -1) {
      any = true;
      char ch = (char) c;
      if (quoted) {
        if (ch == '"') {
          in.mark(1);
          int next = in.read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false;
            if (next != -1) {
              in.reset();
            }
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          field.append(ch);
        }
      } else if (ch == '"') {
        if (field.length() > 0) {
          throw new CsvError(line, "quote inside an unquoted field");
        }
        quoted = true;
      } else if (ch == ',') {
        rec.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n') {
        rec.add(field.toString());
        field.setLength(0);
        out.add(new Line(startLine, rec));
        rec = new ArrayList<>();
        line++;
        startLine = line;
        any = false;
      } else if (ch != '\r') {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new CsvError(startLine, "unterminated quoted field");
    }
    if (any) {
      rec.add(field.toString());
      out.add(new Line(startLine, rec));
    }
    return out;
  }
}
